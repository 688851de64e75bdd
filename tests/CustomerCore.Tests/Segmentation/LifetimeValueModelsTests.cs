using System.Globalization;
using CustomerCore.Segmentation;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Segmentation;

public sealed class LifetimeValueModelsTests
{
    [Fact]
    public void FitBgNbd_CdnowSample_MatchesThePublishedParameters()
    {
        var model = LifetimeValueModels.FitBgNbd(CdnowHistories());

        // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
        Assert.InRange(model.R, 0.242, 0.244);
        Assert.InRange(model.Alpha, 4.413, 4.415);
        Assert.InRange(model.A, 0.792, 0.794);
        Assert.InRange(model.B, 2.425, 2.427);
        Assert.InRange(model.LogLikelihood, -9582.5, -9582.3);
    }

    [Fact]
    public void FitGammaGamma_CdnowRepeaters_MatchesThePublishedParameters()
    {
        var model = LifetimeValueModels.FitGammaGamma(CdnowHistories());

        // Published on the 946 repeat customers: p = 6.25, q = 3.74, γ = 15.44.
        Assert.InRange(model.P, 6.24, 6.26);
        Assert.InRange(model.Q, 3.73, 3.75);
        Assert.InRange(model.Gamma, 15.43, 15.45);
    }

    [Fact]
    public void BgNbd_ProbabilityAliveAndExpectedPurchases_BehaveAsTheModelSays()
    {
        var model = new BgNbdModel(0.243, 4.414, 0.793, 2.426, 0);
        var recent = new RepeatHistory("a", 5, 38, 39, 0);
        var lapsed = new RepeatHistory("b", 5, 5, 39, 0);
        var oneOff = new RepeatHistory("c", 0, 0, 39, 0);

        Assert.Equal(1.0, model.ProbabilityAlive(oneOff));
        Assert.True(model.ProbabilityAlive(recent) > 0.8); // 0.878 by hand: 1 / (1 + 0.793 / 6.426 · (43.414 / 42.414)^5.243)
        Assert.True(model.ProbabilityAlive(lapsed) < 0.2);
        Assert.True(model.ExpectedPurchases(recent, 39) > model.ExpectedPurchases(lapsed, 39));
        Assert.Equal(0, model.ExpectedPurchases(recent, 0), 9);
    }

    [Fact]
    public void FitBgNbd_NoCustomers_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => LifetimeValueModels.FitBgNbd([]));
    }

    [Fact]
    public void FitGammaGamma_NoRepeaters_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => LifetimeValueModels.FitGammaGamma([new RepeatHistory("a", 0, 0, 10, 0)]));
    }

    private static List<RepeatHistory> CdnowHistories() => RfmReferenceData.CdnowHistories();
}
