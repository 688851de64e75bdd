using System.Globalization;
using CustomerCore.Customers;
using CustomerCore.Deduplication;
using CustomerCore.Storage;

namespace CustomerCore.Tests.Deduplication;

/// <summary>Builds a random group of customers with related records from a seed, including hostile text.</summary>
internal sealed class MergeScenario
{
    private static readonly string[] s_names = ["张伟", "章伟", "Zhang Wei", "Robert Smith", "Bob Smith", "  ", "Ahmed مرحبا", "Ωμέγα-Ltd", "a\u0000b\u0007c", "e\u0301 𝄞 🚀", new string('x', 10_000)];
    private static readonly string[] s_phones = ["+8613800138000", "+14155552671", "+493012345678"];
    private static readonly string[] s_emails = ["zhang.wei@example.com", "bob@example.org", "info@xn--fsqu00a.xn--fiqs8s"];
    private static readonly string[] s_sources = ["web-form", "import", "referral", "erp"];

    private MergeScenario(int seed, IReadOnlyList<Customer> customers, IReadOnlyList<Interaction> interactions, IReadOnlyList<Reminder> reminders, IReadOnlyList<CustomerTransaction> transactions, MergeOptions options)
    {
        Seed = seed;
        Customers = customers;
        Interactions = interactions;
        Reminders = reminders;
        Transactions = transactions;
        Options = options;
    }

    public int Seed { get; }

    public IReadOnlyList<Customer> Customers { get; }

    public IReadOnlyList<Interaction> Interactions { get; }

    public IReadOnlyList<Reminder> Reminders { get; }

    public IReadOnlyList<CustomerTransaction> Transactions { get; }

    public MergeOptions Options { get; }

    public static MergeScenario Build(int seed)
    {
        var rng = new Random(seed);
        var count = 2 + rng.Next(4);
        var customers = new List<Customer>();
        var interactions = new List<Interaction>();
        var reminders = new List<Reminder>();
        var transactions = new List<CustomerTransaction>();
        for (var i = 0; i < count; i++)
        {
            var c = RandomCustomer(rng);
            customers.Add(c);
            for (var k = rng.Next(3); k > 0; k--)
            {
                interactions.Add(new Interaction { Id = InteractionId.New(), CustomerId = c.Id, AuthorId = "rep-" + rng.Next(3), Kind = (InteractionKind)rng.Next(6), OccurredAt = Time(rng), Notes = Pick(rng, s_names) });
            }

            for (var k = rng.Next(2); k > 0; k--)
            {
                reminders.Add(new Reminder { Id = ReminderId.New(), CustomerId = c.Id, AssigneeId = "rep-1", Title = "call back", DueAt = Time(rng) });
            }

            for (var k = rng.Next(3); k > 0; k--)
            {
                transactions.Add(new CustomerTransaction { Id = TransactionId.New(), CustomerId = c.Id, Currency = "CNY", Amount = rng.Next(-100, 10_000) / 100m, OccurredAt = Time(rng) });
            }
        }

        var options = new MergeOptions { DefaultRule = (SurvivorshipRule)rng.Next(4) };
        options.TrustedSources.Add("erp");
        options.TrustedSources.Add("web-form");
        if (rng.Next(3) == 0)
        {
            options.ManualChoices["display_name"] = customers[rng.Next(count)].Id.ToString();
        }

        return new MergeScenario(seed, customers, interactions, reminders, transactions, options);
    }

    public async Task<InMemoryCustomerStore> StoreAsync()
    {
        var store = new InMemoryCustomerStore();
        foreach (var c in Customers)
        {
            await store.AddAsync(c);
        }

        foreach (var i in Interactions)
        {
            await store.AddAsync(i);
        }

        foreach (var r in Reminders)
        {
            await store.UpsertAsync(r);
        }

        await store.UpsertBatchAsync(Transactions);
        return store;
    }

    public override string ToString() => "seed " + Seed.ToString(CultureInfo.InvariantCulture);

    private static Customer RandomCustomer(Random rng)
    {
        var phones = new List<PhoneNumber>();
        for (var k = rng.Next(3); k > 0; k--)
        {
            var e164 = Pick(rng, s_phones);
            phones.Add(new PhoneNumber { Raw = rng.Next(2) == 0 ? e164 : e164[3..] + " ", E164 = e164, IsVerified = rng.Next(2) == 0, Type = (PhoneType)rng.Next(6) });
        }

        var emails = new List<EmailAddress>();
        for (var k = rng.Next(3); k > 0; k--)
        {
            var e = Pick(rng, s_emails);
            emails.Add(new EmailAddress { Raw = rng.Next(2) == 0 ? e : e.ToUpperInvariant(), Normalized = rng.Next(4) == 0 ? null : e });
        }

        var attributes = new Dictionary<string, string>();
        if (rng.Next(2) == 0)
        {
            attributes["tier"] = Pick(rng, "gold", "silver", "金牌");
        }

        if (rng.Next(3) == 0)
        {
            attributes["note"] = Pick(rng, s_names);
        }

        return new Customer
        {
            Id = CustomerId.New(),
            Kind = (CustomerKind)rng.Next(2),
            DisplayName = Pick(rng, s_names),
            GivenName = rng.Next(2) == 0 ? null : Pick(rng, "伟", "Bob", "Robert", "\t"),
            FamilyName = rng.Next(2) == 0 ? null : Pick(rng, "张", "Smith", "章"),
            Phones = phones,
            Emails = emails,
            Addresses = rng.Next(2) == 0 ? [] : [new PostalAddress { Original = Pick(rng, "北京市朝阳区建国路88号", "431 Marietta St NW, Atlanta GA"), City = Pick(rng, "北京市", "Atlanta"), Postcode = rng.Next(2) == 0 ? null : "100022", Location = rng.Next(2) == 0 ? null : new GeoPoint(39.9 + rng.NextDouble(), 116.4) }],
            OwnerId = rng.Next(3) == 0 ? null : "rep-" + rng.Next(3),
            Tags = rng.Next(2) == 0 ? [] : [Pick(rng, "vip", "华东", "🚀")],
            Groups = rng.Next(3) == 0 ? ["key-accounts"] : [],
            Stage = (LifecycleStage)rng.Next(6),
            CreditRating = (CreditRating)rng.Next(6),
            SourceChannel = rng.Next(4) == 0 ? null : Pick(rng, s_sources),
            DateOfBirth = rng.Next(2) == 0 ? null : new DateOnly(1950 + rng.Next(50), 1 + rng.Next(12), 1 + rng.Next(28)),
            KeyContacts = rng.Next(4) == 0 ? [new KeyContact { Name = Pick(rng, "李娜", "Ahmed"), Role = (DecisionRole)rng.Next(8), Phones = [new PhoneNumber { Raw = "13912345678", E164 = "+8613912345678" }] }] : [],
            Attributes = attributes,
            Notes = rng.Next(2) == 0 ? null : Pick(rng, s_names),
            CreatedAt = Time(rng),
            UpdatedAt = Time(rng),
            VerifiedAt = rng.Next(3) == 0 ? Time(rng) : null,
        };
    }

    private static DateTimeOffset Time(Random rng) =>
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(rng.Next(-2, 9))).AddMinutes(rng.Next(2_000_000)).AddTicks(rng.Next(10_000_000));

    private static string Pick(Random rng, params string[] options) => options[rng.Next(options.Length)];
}
