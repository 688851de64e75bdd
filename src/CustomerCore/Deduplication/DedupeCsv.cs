using System.Globalization;
using System.Text;
using CsvHelper;
using CustomerCore.Deduplication.Internal;

namespace CustomerCore.Deduplication;

/// <summary>Reads records from CSV with a field-to-column map and writes the stable <c>id,cluster_id</c> and pair files.</summary>
/// <remarks>Field names: name, given_name, family_name, organization, phone, email, address, street, house_number, city,
/// district, region, postcode, country, date_of_birth, gender; any other field name becomes a free-text attribute.
/// Common headers (including 姓名, 手机, 电话, 地址, 邮箱, 公司) are mapped automatically when no map is given for them.</remarks>
public static class DedupeCsv
{
    /// <summary>Gets the recognized field names.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
    [
        "name", "given_name", "family_name", "organization", "phone", "email", "address", "street", "house_number", "city",
        "district", "region", "postcode", "country", "date_of_birth", "gender",
    ];

    private static readonly Dictionary<string, string> s_headerAliases = new(StringComparer.Ordinal)
    {
        ["name"] = "name", ["fullname"] = "name", ["姓名"] = "name", ["名字"] = "name", ["customername"] = "name", ["客户名称"] = "name",
        ["givenname"] = "given_name", ["firstname"] = "given_name", ["fname"] = "given_name", ["forename"] = "given_name", ["名"] = "given_name",
        ["familyname"] = "family_name", ["surname"] = "family_name", ["lastname"] = "family_name", ["lname"] = "family_name", ["姓"] = "family_name",
        ["organization"] = "organization", ["organisation"] = "organization", ["company"] = "organization", ["companyname"] = "organization", ["公司"] = "organization", ["单位"] = "organization", ["公司名称"] = "organization",
        ["phone"] = "phone", ["phonenumber"] = "phone", ["telephone"] = "phone", ["tel"] = "phone", ["mobile"] = "phone", ["手机"] = "phone", ["电话"] = "phone", ["手机号"] = "phone", ["联系电话"] = "phone",
        ["email"] = "email", ["emailaddress"] = "email", ["mail"] = "email", ["邮箱"] = "email", ["电子邮件"] = "email",
        ["address"] = "address", ["addressline"] = "address", ["地址"] = "address",
        ["street"] = "street", ["streetname"] = "street", ["address1"] = "street",
        ["housenumber"] = "house_number", ["streetnumber"] = "house_number", ["houseno"] = "house_number",
        ["city"] = "city", ["town"] = "city", ["城市"] = "city",
        ["district"] = "district", ["suburb"] = "district", ["address2"] = "district", ["区"] = "district",
        ["region"] = "region", ["state"] = "region", ["province"] = "region", ["省"] = "region",
        ["postcode"] = "postcode", ["zip"] = "postcode", ["zipcode"] = "postcode", ["postalcode"] = "postcode", ["邮编"] = "postcode",
        ["country"] = "country", ["国家"] = "country",
        ["dateofbirth"] = "date_of_birth", ["dob"] = "date_of_birth", ["birthdate"] = "date_of_birth", ["birthday"] = "date_of_birth", ["生日"] = "date_of_birth", ["出生日期"] = "date_of_birth",
        ["gender"] = "gender", ["sex"] = "gender", ["性别"] = "gender",
    };

    private static readonly string[] s_dateFormats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "yyyy-M-d", "yyyy年M月d日"];

    /// <summary>Reads every row of a CSV file into records.</summary>
    /// <param name="reader">The CSV text with a header row.</param>
    /// <param name="map">Field name to column header; columns of unmapped fields are matched by common header names.</param>
    /// <param name="idColumn">The id column header, or null to number rows from 1.</param>
    /// <param name="idPrefix">A prefix for generated row numbers (use different prefixes for two linked files).</param>
    /// <returns>One record per data row, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">A mapped column or the id column is not in the header, or an id repeats.</exception>
    public static IReadOnlyList<DedupeRecord> ReadRecords(TextReader reader, IReadOnlyDictionary<string, string>? map = null, string? idColumn = null, string idPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(idPrefix);
        var options = new CsvReaderOptions { TrimWhitespace = true, HasHeader = true };
        using var csv = CsvReader.Create(reader, options, true);
        var header = csv.Headers.Select(h => h.Trim()).ToArray();
        if (header.Length == 0)
        {
            return [];
        }

        var columns = ResolveColumns(header, map);
        var idIndex = -1;
        if (idColumn is not null)
        {
            idIndex = Array.FindIndex(header, h => string.Equals(h, idColumn, StringComparison.OrdinalIgnoreCase));
            if (idIndex < 0)
            {
                throw new ArgumentException("The id column is not in the header row.", nameof(idColumn));
            }
        }

        var records = new List<DedupeRecord>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var row = 0;
        while (csv.Read())
        {
            row++;
            var id = idIndex >= 0 ? csv.GetStringOrNull(idIndex)?.Trim() : null;
            if (string.IsNullOrEmpty(id))
            {
                id = idPrefix + row.ToString(CultureInfo.InvariantCulture);
            }

            if (!ids.Add(id))
            {
                throw new ArgumentException($"Row {row} repeats an id; ids must be unique.", nameof(idColumn));
            }

            records.Add(ToRecord(id, field => columns.TryGetValue(field, out var index) && index < csv.FieldCount ? csv.GetStringOrNull(index) : null, columns.Keys));
        }

        return records;
    }

    private static Dictionary<string, int> ResolveColumns(string[] header, IReadOnlyDictionary<string, string>? map)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        if (map is not null)
        {
            foreach (var (field, column) in map)
            {
                var index = Array.FindIndex(header, h => string.Equals(h.Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    throw new ArgumentException($"The column mapped to field '{field}' is not in the header row.", nameof(map));
                }

                columns[field.Trim().ToLowerInvariant()] = index;
            }
        }

        for (var i = 0; i < header.Length; i++)
        {
            var key = HeaderKey(header[i]);
            if (s_headerAliases.TryGetValue(key, out var field) && !columns.ContainsKey(field) && !columns.ContainsValue(i))
            {
                columns[field] = i;
            }
        }

        return columns;
    }

    private static string HeaderKey(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    internal static DedupeRecord ToRecord(string id, Func<string, string?> get, IEnumerable<string> fields)
    {
        string? Get(string f)
        {
            var v = get(f);
            return string.IsNullOrWhiteSpace(v) || v == "NA" ? null : v.Trim();
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!FieldNames.Contains(field) && Get(field) is { } v)
            {
                attributes[field] = v;
            }
        }

        DateOnly? dob = null;
        if (Get("date_of_birth") is { } rawDob)
        {
            if (DateOnly.TryParseExact(rawDob, s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                dob = d;
            }
            else
            {
                // Keep an unparseable date as text, so it still compares and is never lost.
                attributes["date_of_birth"] = rawDob;
            }
        }

        return new DedupeRecord
        {
            Id = id,
            Name = Get("name"),
            GivenName = Get("given_name"),
            FamilyName = Get("family_name"),
            Organization = Get("organization"),
            Phones = Split(Get("phone")),
            Emails = Split(Get("email")),
            Address = Get("address"),
            Street = Get("street"),
            HouseNumber = Get("house_number"),
            City = Get("city"),
            District = Get("district"),
            Region = Get("region"),
            Postcode = Get("postcode"),
            Country = Get("country"),
            DateOfBirth = dob,
            Gender = Get("gender"),
            Attributes = attributes,
        };
    }

    private static string[] Split(string? value) =>
        value is null ? [] : value.Split([';', '|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Writes the header <c>id,cluster_id</c> and one row per record, singletons included, in input order.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="result">The deduplication or linkage result.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteClusters(TextWriter writer, DeduplicationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, true);
        csv.WriteRecord(["id", "cluster_id"]);
        foreach (var a in result.Assignments)
        {
            csv.WriteRecord([a.RecordId, a.ClusterId]);
        }
    }

    /// <summary>Writes the matched pairs: <c>left_id,right_id,probability,match_weight,explanation</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="result">The deduplication or linkage result.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WritePairs(TextWriter writer, DeduplicationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, true);
        csv.WriteRecord(["left_id", "right_id", "probability", "match_weight", "explanation"]);
        foreach (var p in result.Pairs)
        {
            csv.WriteRecord(
            [
                p.LeftId,
                p.RightId,
                p.Probability.ToString("0.######", CultureInfo.InvariantCulture),
                p.MatchWeight.ToString("0.###", CultureInfo.InvariantCulture),
                Explain(p),
            ]);
        }
    }

    /// <summary>Formats a pair's contributions as <c>field:level(+weight);...</c>, skipping missing fields.</summary>
    /// <param name="pair">The pair.</param>
    /// <returns>The explanation text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pair"/> is null.</exception>
    public static string Explain(ScoredPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var sb = new StringBuilder();
        foreach (var c in pair.Contributions)
        {
            if (c.Level == ComparisonLevel.Missing)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(';');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{c.Field}:{c.Level.ToString().ToLowerInvariant()}({c.Weight:+0.##;-0.##;0})");
        }

        return sb.ToString();
    }
}
