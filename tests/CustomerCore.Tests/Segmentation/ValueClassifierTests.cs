using CustomerCore.Segmentation;

namespace CustomerCore.Tests.Segmentation;

public sealed class ValueClassifierTests
{
    private static readonly DateOnly s_day = new(2025, 1, 1);

    [Fact]
    public void Classify_ParetoData_CrossingCustomerStaysInTheLowerClassLetter()
    {
        // Revenue 50, 30, 10, 5, 3, 2 (total 100): cumulative before = 0, 50, 80, 90, 95, 98.
        decimal[] revenue = [50, 30, 10, 5, 3, 2];
        var transactions = revenue.Select((r, i) => new TransactionRecord($"c{i}", s_day, r)).ToList();

        var result = ValueClassifier.Classify(transactions);

        Assert.Equal([AbcClass.A, AbcClass.A, AbcClass.B, AbcClass.B, AbcClass.C, AbcClass.C], result.Select(r => r.Abc));
        Assert.Equal([ValueTier.High, ValueTier.High, ValueTier.Medium, ValueTier.Medium, ValueTier.Low, ValueTier.Low], result.Select(r => r.Tier));
        Assert.Equal(1.0, result[^1].CumulativeShare, 9);
    }

    [Fact]
    public void Classify_SteadyAndBurstyBuyers_GetXAndZ()
    {
        var steady = Enumerable.Range(0, 12).Select(m => new TransactionRecord("steady", s_day.AddDays(30 * m), 100m));
        var bursty = new[] { new TransactionRecord("bursty", s_day.AddDays(30 * 5), 1200m) };

        var result = ValueClassifier.Classify([.. steady, .. bursty]).ToDictionary(r => r.CustomerId);

        Assert.Equal(XyzClass.X, result["steady"].Xyz);
        Assert.Equal(XyzClass.Z, result["bursty"].Xyz);
        Assert.Equal(0, result["steady"].CoefficientOfVariation, 9);
    }

    [Fact]
    public void Classify_BadOptions_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ValueClassifier.Classify([new TransactionRecord("a", s_day, 1m)], new ValueClassificationOptions { AShare = 0.9, BShare = 0.8 }));
    }

    [Fact]
    public void Classify_NoTransactions_ReturnsEmpty()
    {
        Assert.Empty(ValueClassifier.Classify([]));
    }
}
