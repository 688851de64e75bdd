using Microsoft.Extensions.Logging;

namespace CustomerCore;

internal static partial class Log
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Deduplication of {Records} records: {Candidates} candidate pairs, {Matches} matched pairs, {Clusters} multi-record clusters.")]
    public static partial void DeduplicationCompleted(ILogger logger, int records, long candidates, int matches, int clusters);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Blocking key {Key} skipped {Blocks} blocks larger than the block size limit.")]
    public static partial void BlocksSkipped(ILogger logger, string key, int blocks);
}
