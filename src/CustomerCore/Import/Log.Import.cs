using CustomerCore.Import;
using Microsoft.Extensions.Logging;

namespace CustomerCore;

internal static partial class Log
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Import finished: {Total} rows, {Created} created, {Updated} updated, {Merged} merged, {Rejected} rejected (dry run {DryRun}).")]
    public static partial void ImportCompleted(ILogger logger, long total, long created, long updated, long merged, long rejected, bool dryRun);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Debug, Message = "Import row {Row} rejected: {Reason}.")]
    public static partial void ImportRowRejected(ILogger logger, long row, ImportRejectReason reason);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Information, Message = "Export finished: {Count} customers.")]
    public static partial void ExportCompleted(ILogger logger, long count);
}
