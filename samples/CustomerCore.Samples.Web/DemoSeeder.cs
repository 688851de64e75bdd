using CustomerCore.Customers;

namespace CustomerCore.Samples.Web;

/// <summary>Seeds a deterministic demo data set (Chinese and US customers with geo points, owners, stages, tags, interactions, reminders) through the service.</summary>
internal static class DemoSeeder
{
    public const int CustomerCount = 120;

    private static readonly (string City, string Region, string Country, double Lat, double Lon, string Phone, string[] Districts)[] s_cities =
    [
        ("北京市", "北京市", "CN", 39.9042, 116.4074, "+86 10", ["朝阳区", "海淀区", "东城区", "西城区"]),
        ("上海市", "上海市", "CN", 31.2304, 121.4737, "+86 21", ["浦东新区", "徐汇区", "静安区", "黄浦区"]),
        ("广州市", "广东省", "CN", 23.1291, 113.2644, "+86 20", ["天河区", "越秀区", "海珠区"]),
        ("深圳市", "广东省", "CN", 22.5431, 114.0579, "+86 755", ["南山区", "福田区", "罗湖区"]),
        ("杭州市", "浙江省", "CN", 30.2741, 120.1551, "+86 571", ["西湖区", "上城区", "滨江区"]),
        ("San Francisco", "CA", "US", 37.7749, -122.4194, "+1 415", ["SoMa", "Mission"]),
        ("New York", "NY", "US", 40.7128, -74.0060, "+1 212", ["Manhattan", "Brooklyn"]),
    ];

    private static readonly string[] s_family = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"];
    private static readonly string[] s_given = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超"];
    private static readonly string[] s_companyStems = ["华泰", "恒信", "金桥", "东方", "瑞丰", "新创", "海川", "中联", "博远", "汇通"];
    private static readonly string[] s_companyKinds = ["科技有限公司", "贸易有限公司", "电子有限公司", "餐饮管理有限公司", "物流有限公司"];
    private static readonly string[] s_usFirst = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda"];
    private static readonly string[] s_usLast = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis"];
    private static readonly string[] s_segments = ["Champions", "Loyal", "Potential", "AtRisk", "Hibernating"];
    private static readonly string[] s_tags = ["vip", "wholesale", "retail", "online", "trade-show", "referral"];
    private static readonly string[] s_owners = ["rep-1", "rep-2", "rep-3", "rep-4"];

    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var service = services.GetRequiredService<ICustomerService>();
        var time = services.GetRequiredService<TimeProvider>();
        var diagnostics = services.GetRequiredService<WebDiagnostics>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CustomerCore.Samples.Web.Seeder");
        using var activity = WebDiagnostics.Source.StartActivity("seed");

        var random = new Random(20_251_123); // fixed seed: the same demo every start
        var now = time.GetUtcNow();
        int created = 0, rejected = 0;
        for (int i = 0; i < CustomerCount; i++)
        {
            var customer = Generate(random, i);
            var result = await service.CreateAsync(CallerContext.System, customer, cancellationToken);
            if (!result.IsSuccess)
            {
                rejected++;
                continue;
            }

            created++;
            var id = result.Customer!.Id;
            int interactions = random.Next(1, 5);
            for (int k = 0; k < interactions; k++)
            {
                await service.RecordInteractionAsync(CallerContext.System, new Interaction
                {
                    Id = InteractionId.New(),
                    CustomerId = id,
                    Kind = (InteractionKind)random.Next(0, 6),
                    AuthorId = customer.OwnerId ?? "admin",
                    OccurredAt = now.AddDays(-random.Next(1, 365)).AddMinutes(-random.Next(0, 600)),
                    Subject = k == 0 ? "首次拜访 / first contact" : "跟进 / follow-up",
                    Outcome = random.Next(3) == 0 ? "quote sent" : null,
                }, cancellationToken);
            }

            if (random.Next(3) == 0)
            {
                await service.ScheduleReminderAsync(CallerContext.System, new Reminder
                {
                    Id = ReminderId.New(),
                    CustomerId = id,
                    AssigneeId = customer.OwnerId ?? "admin",
                    Title = "回访 / call back",
                    DueAt = now.AddDays(random.Next(1, 60)),
                }, cancellationToken);
            }
        }

        diagnostics.SeededCustomers.Add(created);
        WebLog.Seeded(logger, created, rejected);
        return created;
    }

    private static Customer Generate(Random random, int index)
    {
        // Chinese cities get ~85 % of the customers, the US the rest.
        var city = s_cities[index % 7 < 6 ? random.Next(0, 5) : random.Next(5, 7)];
        bool china = city.Country == "CN";
        bool company = random.Next(3) == 0;
        string name = (china, company) switch
        {
            (true, true) => city.City[..2] + s_companyStems[random.Next(s_companyStems.Length)] + s_companyKinds[random.Next(s_companyKinds.Length)],
            (true, false) => s_family[random.Next(s_family.Length)] + s_given[random.Next(s_given.Length)] + (random.Next(2) == 0 ? s_given[random.Next(s_given.Length)] : string.Empty),
            (false, true) => s_usLast[random.Next(s_usLast.Length)] + " & " + s_usLast[random.Next(s_usLast.Length)] + " LLC",
            _ => s_usFirst[random.Next(s_usFirst.Length)] + " " + s_usLast[random.Next(s_usLast.Length)],
        };
        string phone = china
            ? (company ? $"{city.Phone} {random.Next(5000_0000, 8999_9999)}" : $"+86 13{random.Next(0, 10)}{random.Next(1000_0000, 9999_9999)}")
            : $"{city.Phone} {random.Next(200, 999)} {random.Next(1000, 9999)}";
        string district = city.Districts[random.Next(city.Districts.Length)];

        // Scatter points ~10 km around the city centre.
        var location = GeoPoint.Create(city.Lat + ((random.NextDouble() - 0.5) * 0.18), city.Lon + ((random.NextDouble() - 0.5) * 0.22));
        var tags = s_tags.Where(_ => random.Next(4) == 0).ToList();
        return new Customer
        {
            Id = CustomerId.New(),
            Kind = company ? CustomerKind.Organization : CustomerKind.Person,
            DisplayName = name,
            Phones = [new PhoneNumber { Raw = phone, Type = company ? PhoneType.Landline : PhoneType.Mobile }],
            Emails = [new EmailAddress { Raw = $"customer{index:D3}@example.{(china ? "cn" : "com")}" }],
            Addresses =
            [
                new PostalAddress
                {
                    CountryCode = city.Country,
                    Region = city.Region,
                    City = city.City,
                    District = district,
                    Street = china ? $"{district}路{random.Next(1, 300)}号" : $"{random.Next(1, 999)} Main St",
                    Location = location,
                },
            ],
            OwnerId = s_owners[random.Next(s_owners.Length)],
            Tags = tags,
            Stage = (LifecycleStage)random.Next(0, 6),
            Attributes = new Dictionary<string, string> { [CustomerSummary.SegmentAttribute] = s_segments[random.Next(s_segments.Length)] },
        };
    }
}
