using CustomerCore.Import;

namespace CustomerCore.Tests.Import;

/// <summary>Renders an import report as one comparable line, so two runs' outcomes can be compared with one assertion.</summary>
internal static class ImportReportText
{
    public static string Summary(ImportReport r) =>
        $"{r.Total}/{r.Created}/{r.Updated}/{r.Merged}/{r.Rejected}/" + string.Join(';', r.RejectedByReason.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
}
