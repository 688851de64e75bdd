using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CustomerCore.Internal;

/// <summary>Holds the library's tracing source and meter, both named <c>CustomerCore</c>, for the long operations.</summary>
/// <remarks>Hosts subscribe with OpenTelemetry (<c>AddSource("CustomerCore")</c>, <c>AddMeter("CustomerCore")</c>) or a
/// <see cref="MeterListener"/>; with no listener the cost is a null check. Tags carry counts and outcomes, never personal data.</remarks>
internal static class Telemetry
{
    public const string Name = "CustomerCore";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter s_meter = new(Name);

    /// <summary>Gets the counter of rows an import has accounted for, tagged by outcome.</summary>
    public static Counter<long> ImportRows { get; } = s_meter.CreateCounter<long>("customercore.import.rows", unit: "{row}", description: "Import rows by outcome (created, updated, merged, rejected).");

    /// <summary>Gets the counter of records scanned for duplicates.</summary>
    public static Counter<long> DedupeRecords { get; } = s_meter.CreateCounter<long>("customercore.dedupe.records", unit: "{record}", description: "Records scanned for duplicates.");

    /// <summary>Gets the counter of customers scored by RFM.</summary>
    public static Counter<long> SegmentedCustomers { get; } = s_meter.CreateCounter<long>("customercore.segmentation.customers", unit: "{customer}", description: "Customers scored by RFM.");

    /// <summary>Gets the histogram of route planning time.</summary>
    public static Histogram<double> RoutePlanning { get; } = s_meter.CreateHistogram<double>("customercore.routing.duration", unit: "ms", description: "Time to plan one route.");
}
