using CustomerCore.Deduplication;
using CustomerCore.Deduplication.Internal;

namespace CustomerCore.Tests.Deduplication;

public sealed class ModelBoundsTests
{
    private static (Model Model, int Phone, int Street) FittedModel(Func<int, (int Phone, int Street)> pair)
    {
        var options = new DeduplicationOptions();
        var features = new Features(options, []);
        for (var i = 0; i < 60; i++)
        {
            features.Add(new DedupeRecord { Id = "r" + i, Phones = ["+4930" + (1_000_000 + i)], Street = (i + 1) + " street " + (char)('a' + (i % 26)) });
        }

        var comparators = Comparator.For(features);
        var model = new Model(comparators, useTf: false);
        model.EstimateU(features, 10_000, 42, static (_, _) => true);
        int phone = comparators.FindIndex(c => c.Name == "phone"), street = comparators.FindIndex(c => c.Name == "street");
        const int Pairs = 2_000;
        var vectors = new sbyte[Pairs * comparators.Count];
        for (var p = 0; p < Pairs; p++)
        {
            var (x, y) = pair(p);
            vectors[(p * comparators.Count) + phone] = (sbyte)x;
            vectors[(p * comparators.Count) + street] = (sbyte)y;
        }

        model.EstimateM(vectors, Pairs, iterations: 15, candidatePairs: Pairs, allPairs: 60 * 59 / 2);
        return (model, phone, street);
    }

    [Fact]
    public void EstimateM_SharedPhoneAtDifferentStreets_BoundsStreetDifferentM()
    {
        // Half the candidates share a switchboard phone but sit on different streets; EM alone calls them matches.
        var (model, _, street) = FittedModel(p => p % 2 == 0 ? (Comparator.Exact, Comparator.Different) : (Comparator.Exact, Comparator.Exact));

        var different = model.M(street, Comparator.Different);

        Assert.InRange(different, 0, PhraseComparator.MaxStreetDifferentM + 1e-12);
        Assert.Equal(1.0, Enumerable.Range(0, Comparator.LevelCount).Sum(l => model.M(street, l)), 6);
    }

    [Fact]
    public void EstimateM_PhoneDifferentInMatches_KeepsPhoneDifferentUnbounded()
    {
        var (model, phone, _) = FittedModel(p => p % 2 == 0 ? (Comparator.Different, Comparator.Exact) : (Comparator.Exact, Comparator.Exact));

        var different = model.M(phone, Comparator.Different);

        Assert.True(different > PhraseComparator.MaxStreetDifferentM * 10, $"m(phone, different) = {different}");
    }
}
