using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CustomerCore.Samples.Web;

/// <summary>Owns the web sample's ActivitySource and Meter, and keeps running totals of every CustomerCore* instrument for /api/diagnostics.</summary>
internal sealed class WebDiagnostics : IDisposable
{
    public const string Name = "CustomerCore.Samples.Web";
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter _meter;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _totals = new(StringComparer.Ordinal);

    public WebDiagnostics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Requests = _meter.CreateCounter<long>("customercore.web.requests", description: "HTTP requests to /api.");
        Searches = _meter.CreateCounter<long>("customercore.web.searches", description: "Customer searches.");
        InteractionsRecorded = _meter.CreateCounter<long>("customercore.web.interactions_recorded", description: "Interactions recorded.");
        SeededCustomers = _meter.CreateCounter<long>("customercore.web.seeded_customers", description: "Customers created by the demo seeder.");
        RequestDuration = _meter.CreateHistogram<double>("customercore.web.request_duration", unit: "ms", description: "Duration of /api requests.");

        // Listen to every CustomerCore meter, so instruments the capabilities add (import, dedupe scan, segmentation, routing) show up too.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("CustomerCore", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, m, _, _) => _totals.AddOrUpdate(i.Name, m, (_, t) => t + m));
        _listener.SetMeasurementEventCallback<int>((i, m, _, _) => _totals.AddOrUpdate(i.Name, m, (_, t) => t + m));
        _listener.SetMeasurementEventCallback<double>((i, m, _, _) => _totals.AddOrUpdate(i.Name + ".sum", m, (_, t) => t + m));
        _listener.Start();
    }

    public Counter<long> Requests { get; }
    public Counter<long> Searches { get; }
    public Counter<long> InteractionsRecorded { get; }
    public Counter<long> SeededCustomers { get; }
    public Histogram<double> RequestDuration { get; }

    public IReadOnlyDictionary<string, double> Snapshot() => new SortedDictionary<string, double>(_totals, StringComparer.Ordinal);

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }
}

/// <summary>Counts and times /api requests, each inside an Activity.</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, WebDiagnostics diagnostics, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        long start = time.GetTimestamp();
        using var activity = WebDiagnostics.Source.StartActivity("http " + context.Request.Method);
        await next(context);
        diagnostics.Requests.Add(1, new KeyValuePair<string, object?>("status", context.Response.StatusCode));
        diagnostics.RequestDuration.Record(time.GetElapsedTime(start).TotalMilliseconds);
    }
}

internal static class DiagnosticsEndpoints
{
    public static void MapDiagnosticsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/diagnostics", (WebDiagnostics d) => d.Snapshot()).WithTags("Diagnostics").WithSummary("Gets the running totals of the CustomerCore metrics.");
}
