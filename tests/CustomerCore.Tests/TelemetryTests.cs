using System.Diagnostics;
using System.Diagnostics.Metrics;
using CustomerCore.Customers;
using CustomerCore.Routing;
using CustomerCore.Segmentation;

namespace CustomerCore.Tests;

public sealed class TelemetryTests : IDisposable
{
    private readonly TestServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task LongOperations_PublishActivitiesAndMetricsUnderCustomerCore()
    {
        var measured = new Dictionary<string, double>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "CustomerCore")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => { lock (measured) { measured[i.Name] = measured.GetValueOrDefault(i.Name) + v; } });
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => { lock (measured) { measured[i.Name] = measured.GetValueOrDefault(i.Name) + 1; } });
        listener.Start();
        var activities = new List<string>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "CustomerCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => { lock (activities) { activities.Add(a.OperationName); } },
        };
        ActivitySource.AddActivityListener(activityListener);

        await _services.Get<IRoutePlanner>().PlanAsync(new RouteRequest { Start = new GeoPoint(39.9, 116.4), Stops = [new RouteStop { Id = "a", Location = new GeoPoint(39.91, 116.41) }] });
        RfmAnalyzer.Score([new CustomerActivity("c1", 3, 2, 10m), new CustomerActivity("c2", 9, 1, 5m)]);

        Assert.Contains("customercore.route.plan", activities);
        Assert.True(measured.GetValueOrDefault("customercore.routing.duration") >= 1);
        Assert.True(measured.GetValueOrDefault("customercore.segmentation.customers") >= 2);
    }
}
