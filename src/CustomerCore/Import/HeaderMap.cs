namespace CustomerCore.Import;

/// <summary>Resolves which column indexes feed which field, from the explicit mapping and common English and Chinese headers.</summary>
internal static class HeaderMap
{
    // Common spreadsheet headers seen in CRM exports; compared after trimming, case-insensitively.
    private static readonly Dictionary<string, ImportField> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = ImportField.Name, ["full name"] = ImportField.Name, ["fullname"] = ImportField.Name, ["customer name"] = ImportField.Name,
        ["customer"] = ImportField.Name, ["display name"] = ImportField.Name, ["displayname"] = ImportField.Name,
        ["姓名"] = ImportField.Name, ["客户名称"] = ImportField.Name, ["客户姓名"] = ImportField.Name, ["名称"] = ImportField.Name, ["客户"] = ImportField.Name,
        ["phone"] = ImportField.Phone, ["mobile"] = ImportField.Phone, ["tel"] = ImportField.Phone, ["telephone"] = ImportField.Phone,
        ["cell"] = ImportField.Phone, ["phone number"] = ImportField.Phone, ["phones"] = ImportField.Phone,
        ["手机"] = ImportField.Phone, ["手机号"] = ImportField.Phone, ["手机号码"] = ImportField.Phone, ["电话"] = ImportField.Phone,
        ["联系电话"] = ImportField.Phone, ["固定电话"] = ImportField.Phone,
        ["email"] = ImportField.Email, ["e-mail"] = ImportField.Email, ["mail"] = ImportField.Email, ["emails"] = ImportField.Email,
        ["邮箱"] = ImportField.Email, ["电子邮件"] = ImportField.Email, ["电子邮箱"] = ImportField.Email, ["邮件"] = ImportField.Email,
        ["address"] = ImportField.Address, ["地址"] = ImportField.Address, ["联系地址"] = ImportField.Address, ["详细地址"] = ImportField.Address,
        ["company"] = ImportField.Company, ["organization"] = ImportField.Company, ["organisation"] = ImportField.Company,
        ["公司"] = ImportField.Company, ["公司名称"] = ImportField.Company, ["单位"] = ImportField.Company,
        ["owner"] = ImportField.Owner, ["sales rep"] = ImportField.Owner, ["owner id"] = ImportField.Owner, ["ownerid"] = ImportField.Owner,
        ["负责人"] = ImportField.Owner, ["销售"] = ImportField.Owner, ["归属人"] = ImportField.Owner,
        ["tags"] = ImportField.Tags, ["tag"] = ImportField.Tags, ["标签"] = ImportField.Tags,
        ["id"] = ImportField.ExternalId, ["external id"] = ImportField.ExternalId, ["externalid"] = ImportField.ExternalId,
        ["customer id"] = ImportField.ExternalId, ["编号"] = ImportField.ExternalId, ["客户编号"] = ImportField.ExternalId,
        ["notes"] = ImportField.Notes, ["note"] = ImportField.Notes, ["remark"] = ImportField.Notes, ["remarks"] = ImportField.Notes,
        ["备注"] = ImportField.Notes,
    };

    /// <summary>Returns, per field, the indexes of the headers that feed it.</summary>
    public static int[][] Resolve(IReadOnlyList<string> headers, IDictionary<ImportField, IReadOnlyList<string>> explicitMapping, bool autoMap)
    {
        var fieldCount = Enum.GetValues<ImportField>().Length;
        var result = new List<int>[fieldCount];
        for (var f = 0; f < fieldCount; f++)
        {
            result[f] = [];
        }

        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim();
            var mappedExplicitly = false;
            foreach (var (field, columns) in explicitMapping)
            {
                if (columns.Any(c => string.Equals(c.Trim(), header, StringComparison.OrdinalIgnoreCase)))
                {
                    result[(int)field].Add(i);
                    mappedExplicitly = true;
                }
            }

            if (!mappedExplicitly && autoMap && s_aliases.TryGetValue(header, out var auto) && !explicitMapping.ContainsKey(auto))
            {
                result[(int)auto].Add(i);
            }
        }

        return [.. result.Select(l => l.ToArray())];
    }

    public static string HeaderFor(ImportField field) => field switch
    {
        ImportField.Name => "name",
        ImportField.Phone => "phone",
        ImportField.Email => "email",
        ImportField.Address => "address",
        ImportField.Company => "company",
        ImportField.Owner => "owner",
        ImportField.Tags => "tags",
        ImportField.ExternalId => "externalId",
        _ => "notes",
    };
}
