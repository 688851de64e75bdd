using CustomerCore.Customers;
using CustomerCore.Segmentation;

namespace CustomerCore.Tests.Segmentation;

public sealed class LifecycleClassifierTests
{
    [Theory]
    [InlineData(10, 5, 5, 400, null, LifecycleStage.Loyal)]
    [InlineData(10, 5, 2, 400, null, LifecycleStage.Active)]
    [InlineData(30, 4, 1, 40, null, LifecycleStage.New)]
    [InlineData(200, 2, 5, 800, null, LifecycleStage.AtRisk)]
    [InlineData(400, 1, 3, 900, null, LifecycleStage.Churned)]
    [InlineData(20, 5, 5, 400, 0.1, LifecycleStage.Churned)]
    [InlineData(20, 5, 5, 400, 0.4, LifecycleStage.AtRisk)]
    [InlineData(20, 5, 5, 400, 0.9, LifecycleStage.Loyal)]
    public void Classify_RulesInOrder_GiveTheExpectedStage(int recencyDays, int r, int f, int daysSinceFirst, double? pAlive, LifecycleStage expected)
    {
        var rfm = new RfmCustomer("c", recencyDays, f * 2, 100m, r, f, 3, "any");

        var stage = LifecycleClassifier.Classify(rfm, daysSinceFirst, pAlive);

        Assert.Equal(expected, stage);
    }

    [Fact]
    public void Classify_NoPurchases_IsProspect()
    {
        Assert.Equal(LifecycleStage.Prospect, LifecycleClassifier.Classify(null, 0));
    }

    [Fact]
    public void Classify_ProbabilityOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleClassifier.Classify(null, 0, 1.5));
    }
}
