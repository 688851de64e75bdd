using Microsoft.Extensions.Logging;

namespace CustomerCore;

internal static partial class Log
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Deduplication of {Records} records: {Candidates} candidate pairs, {Matches} matched pairs, {Clusters} multi-record clusters.")]
    public static partial void DeduplicationCompleted(ILogger logger, int records, long candidates, int matches, int clusters);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Blocking key {Key} skipped {Blocks} blocks larger than the block size limit.")]
    public static partial void BlocksSkipped(ILogger logger, string key, int blocks);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Merge {JournalId}: {Merged} customers merged into {SurvivorId}, {Moved} related records moved.")]
    public static partial void MergeCompleted(ILogger logger, Guid journalId, Guid survivorId, int merged, int moved);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Merge {JournalId} undone: {Restored} customers restored around {SurvivorId}, {Moved} related records moved back.")]
    public static partial void UnmergeCompleted(ILogger logger, Guid journalId, Guid survivorId, int restored, int moved);
}
