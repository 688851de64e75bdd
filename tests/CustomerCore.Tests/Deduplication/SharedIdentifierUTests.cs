using System.Globalization;
using CustomerCore.Deduplication;
using CustomerCore.Deduplication.Internal;

namespace CustomerCore.Tests.Deduplication;

public sealed class SharedIdentifierUTests
{
    // Groups of five records of one site: same phone and street line, names that share nothing. 40 groups give 200 records,
    // so all 19,900 pairs fit in the u sample and 400 of them (2 %) are duplicates.
    private static List<DedupeRecord> Sites(bool withPhones)
    {
        var records = new List<DedupeRecord>();
        for (var g = 0; g < 40; g++)
        {
            for (var r = 0; r < 5; r++)
            {
                var id = (g * 5) + r;
                records.Add(new DedupeRecord
                {
                    Id = "s" + id.ToString(CultureInfo.InvariantCulture),
                    Name = DedupeTestData.WordOf(id) + " " + DedupeTestData.WordOf(id + 997),
                    Street = (10 + g).ToString(CultureInfo.InvariantCulture) + " " + DedupeTestData.WordOf(g + 5003) + " street",
                    Phones = withPhones ? ["+1312" + (1_000_000 + (g * 104_729)).ToString(CultureInfo.InvariantCulture)] : [],
                });
            }
        }

        return records;
    }

    private static (double RandomPairs, double Fitted) StreetExactU(List<DedupeRecord> records)
    {
        var options = new DeduplicationOptions();
        var features = Engine.Prepare(options, records, null);
        var sampled = new Model(Comparator.For(features), options.TermFrequencyAdjustment);
        sampled.EstimateU(features, options.USampleSize, options.RandomSeed, static (_, _) => true);
        var fitted = new Engine(options).FitModel(features);
        var street = fitted.Comparators.FindIndex(c => c.Name == "street");
        return (sampled.U(street, Comparator.Exact), fitted.U(street, Comparator.Exact));
    }

    [Fact]
    public void FitModel_DuplicatesShareAPhone_CountsThemOutOfStreetU()
    {
        var records = Sites(withPhones: true);

        var (randomPairs, fitted) = StreetExactU(records);

        // 400 of 19,900 random pairs share the street, all of them duplicates sharing the phone.
        Assert.InRange(randomPairs, 0.015, 0.025);
        Assert.True(fitted < randomPairs / 4, $"u(street exact) {fitted} after, {randomPairs} before");
    }

    [Fact]
    public void FitModel_NoIdentifierAnywhere_KeepsRandomPairU()
    {
        var records = Sites(withPhones: false);

        var (randomPairs, fitted) = StreetExactU(records);

        Assert.Equal(randomPairs, fitted);
    }

    [Fact]
    public void CountOutSharedIdentifierMatches_NoSampledPairs_KeepsU()
    {
        var options = new DeduplicationOptions();
        var features = Engine.Prepare(options, [new DedupeRecord { Id = "only", Name = "one site", Phones = ["+13125550100"] }], null);
        var model = new Model(Comparator.For(features), useTf: false);
        model.EstimateU(features, 1_000, 42, static (_, _) => true);
        var before = model.U(0, Comparator.Exact);

        model.CountOutSharedIdentifierMatches();

        Assert.Equal(before, model.U(0, Comparator.Exact));
    }

    [Fact]
    public void CountOutSharedIdentifierMatches_BeforeAnyUEstimate_DoesNothing()
    {
        var options = new DeduplicationOptions();
        var features = Engine.Prepare(options, [new DedupeRecord { Id = "a", Phones = ["+13125550100"] }], null);
        var model = new Model(Comparator.For(features), useTf: false);
        var before = model.U(0, Comparator.Exact);

        model.CountOutSharedIdentifierMatches();

        Assert.Equal(before, model.U(0, Comparator.Exact));
    }
}
