using System.Globalization;
using CustomerCore.Customers;

namespace CustomerCore.Samples.Console.Demo;

/// <summary>One generated customer as a CRM would receive it: raw text fields, plus the hidden true entity for scoring.</summary>
internal sealed record DemoRow(
    string EntityId,
    string Name,
    string? Company,
    string Phone,
    string? Email,
    string Address,
    double Latitude,
    double Longitude,
    string Owner,
    bool IsDuplicate);

/// <summary>A generated purchase.</summary>
internal sealed record DemoPurchase(string EntityId, DateOnly Date, decimal Amount);

/// <summary>Generates a deterministic, realistic data set: Chinese and US customers, duplicates with typical entry
/// errors, dirty addresses (full-width digits, missing province, pre-2021 district names) and purchase histories.</summary>
internal static class DemoDataGenerator
{
    private static readonly string[] s_surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] s_given = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "晓东"];
    private static readonly string[] s_mobilePrefixes = ["130", "131", "135", "136", "138", "139", "150", "151", "158", "159", "177", "186", "188", "189"];
    private static readonly string[] s_usAreaCodes = ["404", "415", "312", "212", "617"];
    private static readonly string[] s_firstNames = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth", "David", "Susan"];
    private static readonly string[] s_lastNames = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas"];
    private static readonly string[] s_companyWords = ["华信", "鼎盛", "恒通", "长城", "东方", "天成", "瑞丰", "金源", "宏达", "新世纪"];
    private static readonly string[] s_companyTrades = ["科技", "贸易", "电子", "医疗器械", "建材", "食品", "物流"];

    // Province, city, district, old district name (renamed or merged) or null, streets, centre.
    private static readonly (string Province, string City, string District, string? OldDistrict, string[] Streets, double Lat, double Lon)[] s_cnAreas =
    [
        ("北京市", "北京市", "朝阳区", null, ["建国路", "朝阳北路", "望京街", "酒仙桥路"], 39.9219, 116.4436),
        ("北京市", "北京市", "海淀区", null, ["中关村大街", "学院路", "北四环西路"], 39.9590, 116.2981),
        ("北京市", "北京市", "东城区", "崇文区", ["东直门内大街", "王府井大街", "崇文门外大街"], 39.9288, 116.4163),
        ("上海市", "上海市", "浦东新区", "南汇区", ["世纪大道", "张江路", "陆家嘴环路"], 31.2215, 121.5447),
        ("上海市", "上海市", "徐汇区", null, ["漕溪北路", "肇嘉浜路", "虹桥路"], 31.1885, 121.4365),
        ("广东省", "广州市", "天河区", null, ["天河路", "体育西路", "珠江新城花城大道"], 23.1246, 113.3612),
        ("广东省", "深圳市", "南山区", null, ["科技园南路", "深南大道", "后海大道"], 22.5333, 113.9304),
        ("浙江省", "杭州市", "上城区", "江干区", ["钱江路", "解放东路", "新塘路"], 30.2447, 120.1692),
        ("浙江省", "杭州市", "西湖区", null, ["文三路", "天目山路", "古墩路"], 30.2598, 120.1300),
        ("湖北省", "襄阳市", "襄城区", null, ["檀溪路", "南街"], 32.0100, 112.1340),
    ];

    private static readonly (string City, string State, string Zip, string[] Streets, double Lat, double Lon)[] s_usAreas =
    [
        ("Atlanta", "GA", "30313", ["Marietta St NW", "Peachtree St NE", "Spring St NW"], 33.7590, -84.3920),
        ("San Francisco", "CA", "94105", ["Market St", "Mission St", "Howard St"], 37.7897, -122.3942),
        ("Chicago", "IL", "60601", ["N Michigan Ave", "E Randolph St", "W Lake St"], 41.8858, -87.6229),
    ];

    /// <summary>Generates <paramref name="count"/> rows (about 8 % of them duplicates of earlier rows) and their purchases.</summary>
    public static (IReadOnlyList<DemoRow> Rows, IReadOnlyList<DemoPurchase> Purchases) Generate(int count, int seed, DateOnly asOf)
    {
        var random = new Random(seed);
        var rows = new List<DemoRow>(count);
        var purchases = new List<DemoPurchase>(count * 6);
        var owners = new[] { "rep-1", "rep-2", "rep-3", "rep-4" };
        while (rows.Count < count)
        {
            if (rows.Count > 20 && random.NextDouble() < 0.08)
            {
                rows.Add(MakeDuplicate(rows[random.Next(rows.Count)], random));
                continue;
            }

            var entity = "E" + rows.Count.ToString("D6", CultureInfo.InvariantCulture);
            var row = random.NextDouble() < 0.85 ? MakeChinese(entity, random, owners) : MakeAmerican(entity, random, owners);
            rows.Add(row);
            AddPurchases(entity, random, asOf, purchases);
        }

        return (rows, purchases);
    }

    private static DemoRow MakeChinese(string entity, Random random, string[] owners)
    {
        var area = s_cnAreas[random.Next(s_cnAreas.Length)];
        var name = s_surnames[random.Next(s_surnames.Length)] + s_given[random.Next(s_given.Length)];
        var company = random.NextDouble() < 0.4 ? s_companyWords[random.Next(s_companyWords.Length)] + s_companyTrades[random.Next(s_companyTrades.Length)] + "有限公司" : null;
        var phone = s_mobilePrefixes[random.Next(s_mobilePrefixes.Length)] + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        var number = random.Next(1, 300);
        var street = area.Streets[random.Next(area.Streets.Length)];
        var district = area.OldDistrict is not null && random.NextDouble() < 0.5 ? area.OldDistrict : area.District;

        // Dirty shapes seen in real CRMs: missing province, full-width digits, no city, building/unit/room tails.
        var address = random.Next(4) switch
        {
            0 => $"{area.Province}{(area.Province == area.City ? string.Empty : area.City)}{district}{street}{number}号",
            1 => $"{area.City}{district}{street}{ToFullWidth(number.ToString(CultureInfo.InvariantCulture))}号",
            2 => $"{district}{street}{number}号{random.Next(1, 20)}号楼{random.Next(1, 5)}单元{random.Next(1, 30)}0{random.Next(1, 9)}室",
            _ => $"{area.Province.TrimEnd('省', '市')}{area.City.TrimEnd('市')}{district}{street}{number}号",
        };
        var (lat, lon) = Jitter(area.Lat, area.Lon, random, 0.12);
        var email = random.NextDouble() < 0.5 ? $"user{random.Next(100_000)}@{(random.NextDouble() < 0.5 ? "163.com" : "qq.com")}" : null;
        return new DemoRow(entity, name, company, phone, email, address, lat, lon, owners[random.Next(owners.Length)], false);
    }

    private static DemoRow MakeAmerican(string entity, Random random, string[] owners)
    {
        var area = s_usAreas[random.Next(s_usAreas.Length)];
        var first = s_firstNames[random.Next(s_firstNames.Length)];
        var last = s_lastNames[random.Next(s_lastNames.Length)];
        var phone = $"+1 ({s_usAreaCodes[random.Next(s_usAreaCodes.Length)]}) {random.Next(202, 990)}-{random.Next(1000, 10_000):D4}";
        var address = $"{random.Next(1, 2000)} {area.Streets[random.Next(area.Streets.Length)]}, {area.City} {area.State} {area.Zip}";
        var (lat, lon) = Jitter(area.Lat, area.Lon, random, 0.02);
        return new DemoRow(entity, $"{first} {last}", null, phone, $"{first}.{last}{random.Next(100)}@example.com".ToLowerInvariant(), address, lat, lon, owners[random.Next(owners.Length)], false);
    }

    private static DemoRow MakeDuplicate(DemoRow original, Random random)
    {
        var name = original.Name;
        var phone = original.Phone;
        var address = original.Address;
        switch (random.Next(4))
        {
            case 0: // re-typed phone with spaces or country code
                phone = phone.StartsWith('+') ? phone.Replace(" ", string.Empty, StringComparison.Ordinal) : "+86 " + phone[..3] + " " + phone[3..7] + " " + phone[7..];
                break;
            case 1: // homophone or typo in the name
                name = name.Length > 1 && char.IsLetter(name[0]) && name[0] > 0x7F ? ReplaceSurname(name) : name.ToUpperInvariant();
                break;
            case 2: // address written another way
                address = ToFullWidth(address).Replace("号楼", "栋", StringComparison.Ordinal);
                break;
            default: // email dropped, phone kept
                break;
        }

        return original with { Name = name, Phone = phone, Address = address, Email = random.NextDouble() < 0.5 ? original.Email : null, IsDuplicate = true };
    }

    private static string ReplaceSurname(string name) => name[0] switch
    {
        '张' => "章" + name[1..],
        '王' => "汪" + name[1..],
        '李' => "黎" + name[1..],
        '陈' => "程" + name[1..],
        _ => name[..^1] + (name[^1] == '伟' ? "玮" : "伟"),
    };

    private static void AddPurchases(string entity, Random random, DateOnly asOf, List<DemoPurchase> purchases)
    {
        // Mixed behaviour: one-off buyers, regulars and lapsed customers, as RFM and BG/NBD expect to see.
        var kind = random.NextDouble();
        var n = kind < 0.3 ? 1 : kind < 0.8 ? random.Next(2, 8) : random.Next(8, 25);
        var lapsedDays = kind > 0.9 ? random.Next(200, 500) : 0;
        for (var i = 0; i < n; i++)
        {
            var daysAgo = lapsedDays + random.Next(0, 700 - Math.Min(lapsedDays, 600));
            var amount = Math.Round((decimal)(50 + (random.NextDouble() * random.NextDouble() * 5000)), 2);
            purchases.Add(new DemoPurchase(entity, asOf.AddDays(-daysAgo), amount));
        }
    }

    private static (double Lat, double Lon) Jitter(double lat, double lon, Random random, double spread) =>
        (Math.Round(lat + ((random.NextDouble() - 0.5) * spread), 6), Math.Round(lon + ((random.NextDouble() - 0.5) * spread), 6));

    private static string ToFullWidth(string text) =>
        string.Create(text.Length, text, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsAsciiDigit(s[i]) ? (char)(s[i] - '0' + '０') : s[i];
            }
        });
}
