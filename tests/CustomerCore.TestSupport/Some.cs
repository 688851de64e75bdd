using CustomerCore.Customers;

namespace CustomerCore.TestSupport;

/// <summary>Builds realistic test records; every call makes a new id.</summary>
public static class Some
{
    /// <summary>Makes a valid person with a Chinese mobile number, an email and a geocoded Beijing address.</summary>
    public static Customer Customer(string name = "张伟", string? owner = "rep-1") => new()
    {
        Id = CustomerId.New(),
        Kind = CustomerKind.Person,
        DisplayName = name,
        Phones = [new PhoneNumber { Raw = "138 0013 8000", E164 = "+8613800138000", Type = PhoneType.Mobile }],
        Emails = [new EmailAddress { Raw = "Zhang.Wei@Example.com", Normalized = "zhang.wei@example.com" }],
        Addresses = [new PostalAddress { Original = "北京市朝阳区建国路88号", CountryCode = "CN", Region = "北京市", City = "北京市", District = "朝阳区", Street = "建国路", HouseNumber = "88号", Location = new GeoPoint(39.9087, 116.4605) }],
        OwnerId = owner,
        Tags = ["vip"],
    };

    /// <summary>Makes a customer with every field set, including nested and Unicode values, for round-trip tests.</summary>
    public static Customer FullCustomer() => new()
    {
        Id = CustomerId.New(),
        Kind = CustomerKind.Organization,
        DisplayName = "北京示例科技有限公司",
        GivenName = "伟",
        FamilyName = "张",
        Phones =
        [
            new PhoneNumber { Raw = "010-65529988 转 123", E164 = "+861065529988", Extension = "123", Type = PhoneType.Landline, IsVerified = true },
            new PhoneNumber { Raw = "+1 (415) 555-2671", E164 = "+14155552671", Type = PhoneType.Unknown },
        ],
        Emails = [new EmailAddress { Raw = "Info@例子.中国", Normalized = "info@xn--fsqu00a.xn--fiqs8s", IsVerified = true }],
        Addresses =
        [
            new PostalAddress
            {
                Original = "北京朝阳区建国路88号SOHO现代城5号楼1单元1203", CountryCode = "CN", Region = "北京市", City = "北京市", District = "朝阳区",
                Town = "建外街道", Street = "建国路", HouseNumber = "88号", Building = "SOHO现代城5号楼", Unit = "1单元", Floor = "12", Room = "1203",
                Postcode = "100022", AdminCode = "110105", Location = new GeoPoint(39.9087, 116.4605), Label = "office",
            },
            new PostalAddress { Original = "431 Marietta St NW Apt 5, Atlanta GA 30313", CountryCode = "US", Region = "GA", City = "Atlanta", Street = "Marietta St NW", HouseNumber = "431", Unit = "Apt 5", Postcode = "30313" },
        ],
        OwnerId = "rep-7",
        Tags = ["vip", "华东", "🚀"],
        Groups = ["key-accounts"],
        Stage = LifecycleStage.Loyal,
        CreditRating = CreditRating.Good,
        SourceChannel = "trade-show",
        DateOfBirth = new DateOnly(1980, 2, 29),
        KeyContacts =
        [
            new KeyContact { Name = "李娜", Title = "采购总监", Role = DecisionRole.DecisionMaker, Phones = [new PhoneNumber { Raw = "13912345678", E164 = "+8613912345678", Type = PhoneType.Mobile }], Emails = [new EmailAddress { Raw = "li.na@example.cn", Normalized = "li.na@example.cn" }] },
            new KeyContact { Name = "Ahmed", Role = DecisionRole.Influencer },
        ],
        Attributes = new Dictionary<string, string> { ["industry"] = "制造业", ["employees"] = "250", ["note-rtl"] = "مرحبا שלום" },
        Notes = "Quote's \"here\" -- '; DROP TABLE customers; -- 🚀 e\u0301 𝄞",
        CreatedAt = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero),
        VerifiedAt = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero),
    };

    /// <summary>Makes an interaction for a customer.</summary>
    public static Interaction Interaction(CustomerId customer, DateTimeOffset at, InteractionKind kind = InteractionKind.Call) => new()
    {
        Id = InteractionId.New(),
        CustomerId = customer,
        Kind = kind,
        OccurredAt = at,
        AuthorId = "rep-1",
        Subject = "回访 follow-up",
        Notes = "客户满意 😊",
        Outcome = "reached",
    };

    /// <summary>Makes an open reminder for a customer.</summary>
    public static Reminder Reminder(CustomerId customer, DateTimeOffset due, string assignee = "rep-1") => new()
    {
        Id = ReminderId.New(),
        CustomerId = customer,
        AssigneeId = assignee,
        Title = "电话回访",
        DueAt = due,
    };

    /// <summary>Makes a transaction for a customer.</summary>
    public static CustomerTransaction Transaction(CustomerId customer, DateTimeOffset at, decimal amount) => new()
    {
        Id = TransactionId.New(),
        CustomerId = customer,
        OccurredAt = at,
        Amount = amount,
        Currency = "CNY",
        OrderNumber = "SO-" + at.ToUnixTimeSeconds(),
        Items = [new TransactionItem("SKU-1", 2m, amount / 2m)],
    };
}
