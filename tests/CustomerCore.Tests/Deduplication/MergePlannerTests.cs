using System.Globalization;
using CustomerCore.Deduplication;

namespace CustomerCore.Tests.Deduplication;

public sealed class MergePlannerTests
{
    private static readonly DateTimeOffset s_old = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_new = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_DefaultRule_KeepsMostCompleteValueAndAllDistinctContacts()
    {
        var a = new DedupeRecord { Id = "a", GivenName = "Bob", FamilyName = "Smith", Phones = ["+491111"], Emails = ["b@x.org"] };
        var b = new DedupeRecord { Id = "b", GivenName = "Robert", City = "Berlin", Phones = ["+492222", "+491111"] };

        var plan = MergePlanner.Plan([a, b]);

        Assert.Equal("a", plan.Survivor.Id);
        Assert.Equal("Robert", plan.Survivor.GivenName);
        Assert.Equal("Smith", plan.Survivor.FamilyName);
        Assert.Equal("Berlin", plan.Survivor.City);
        Assert.Equal(["+491111", "+492222"], plan.Survivor.Phones);
        Assert.Contains(plan.Discarded, d => d.Field == "given_name" && d.Value == "Bob" && d.RecordId == "a");
    }

    [Fact]
    public void Plan_MostRecentForCity_TakesNewestRecordsCity()
    {
        var options = new MergeOptions();
        options.FieldRules["city"] = SurvivorshipRule.MostRecent;
        var a = new DedupeRecord { Id = "a", City = "Hamburg-Altona", UpdatedAt = s_old };
        var b = new DedupeRecord { Id = "b", City = "Berlin", UpdatedAt = s_new };

        var plan = MergePlanner.Plan([a, b], options);

        Assert.Equal("Berlin", plan.Survivor.City);
        Assert.Equal("MostRecent", plan.Decisions.Single(d => d.Field == "city").Rule);
    }

    [Fact]
    public void Plan_MostTrustedSourceAndManualChoice_AreHonoured()
    {
        var options = new MergeOptions { DefaultRule = SurvivorshipRule.MostTrustedSource };
        options.TrustedSources.Add("erp");
        options.TrustedSources.Add("web");
        options.ManualChoices["family_name"] = "web1";
        var web = new DedupeRecord { Id = "web1", Source = "web", Postcode = "10115", FamilyName = "Meier" };
        var erp = new DedupeRecord { Id = "erp1", Source = "erp", Postcode = "10117", FamilyName = "Meyer" };

        var plan = MergePlanner.Plan([web, erp], options);

        Assert.Equal("10117", plan.Survivor.Postcode);
        Assert.Equal("Meier", plan.Survivor.FamilyName);
        Assert.Equal("Manual", plan.Decisions.Single(d => d.Field == "family_name").Rule);
    }

    [Fact]
    public void Plan_RandomGroups_NeverDropsAValue()
    {
        var rng = new Random(2024);
        for (var round = 0; round < 200; round++)
        {
            var count = 2 + rng.Next(5);
            var records = Enumerable.Range(0, count).Select(i => RandomRecord(rng, "r" + i.ToString(CultureInfo.InvariantCulture))).ToList();
            var options = new MergeOptions { DefaultRule = (SurvivorshipRule)rng.Next(4) };

            var plan = MergePlanner.Plan(records, options);

            foreach (var r in records)
            {
                AssertKept(plan, "given_name", r.GivenName, plan.Survivor.GivenName, r.Id);
                AssertKept(plan, "city", r.City, plan.Survivor.City, r.Id);
                AssertKept(plan, "date_of_birth", r.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), plan.Survivor.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Id);
                foreach (var (key, value) in r.Attributes)
                {
                    AssertKept(plan, key, value, plan.Survivor.Attributes.GetValueOrDefault(key), r.Id);
                }

                Assert.All(r.Phones, p => Assert.Contains(p, plan.Survivor.Phones));
                Assert.All(r.Emails, e => Assert.Contains(e, plan.Survivor.Emails));
            }
        }
    }

    [Fact]
    public void Plan_InvalidInput_Throws()
    {
        var one = new DedupeRecord { Id = "a" };
        var options = new MergeOptions();
        options.ManualChoices["city"] = "missing";

        Assert.Throws<ArgumentNullException>(() => MergePlanner.Plan(null!));
        Assert.Throws<ArgumentException>(() => MergePlanner.Plan([one]));
        Assert.Throws<ArgumentException>(() => MergePlanner.Plan([one, one with { }]));
        Assert.Throws<ArgumentException>(() => MergePlanner.Plan([one, new DedupeRecord { Id = "b" }], options));
    }

    private static void AssertKept(MergePlan plan, string field, string? value, string? survivorValue, string recordId)
    {
        if (value is null || string.Equals(value, survivorValue, StringComparison.Ordinal))
        {
            return;
        }

        Assert.Contains(plan.Discarded, d => d.Field == field && d.Value == value && d.RecordId == recordId);
    }

    private static DedupeRecord RandomRecord(Random rng, string id)
    {
        string? Pick(params string?[] options) => options[rng.Next(options.Length)];
        var attributes = new Dictionary<string, string>();
        if (rng.Next(2) == 0)
        {
            attributes["tier"] = Pick("gold", "silver", "bronze")!;
        }

        return new DedupeRecord
        {
            Id = id,
            GivenName = Pick(null, "Anna", "Ann", "Anne-Marie", "张伟"),
            City = Pick(null, "Berlin", "Köln", "Berlin Mitte"),
            DateOfBirth = rng.Next(3) == 0 ? null : new DateOnly(1970 + rng.Next(3), 1, 1 + rng.Next(2)),
            Phones = rng.Next(2) == 0 ? [] : ["+4930" + rng.Next(100).ToString(CultureInfo.InvariantCulture)],
            Emails = rng.Next(2) == 0 ? [] : [Pick("a@x.org", "b@x.org")!],
            UpdatedAt = rng.Next(2) == 0 ? null : s_old.AddDays(rng.Next(1000)),
            Source = Pick(null, "web", "erp"),
            Attributes = attributes,
        };
    }
}
