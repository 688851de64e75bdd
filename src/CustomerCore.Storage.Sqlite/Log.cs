using Microsoft.Extensions.Logging;

namespace CustomerCore.Storage.Sqlite;

/// <summary>Holds the SQLite provider's log messages (event ids 2000-2099); never personal data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "SQLite schema migrated from version {From} to {To}.")]
    public static partial void Migrated(ILogger logger, int from, int to);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "SQLite batch of {Count} customers written.")]
    public static partial void BatchWritten(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "SQLite background WAL checkpoint failed; the next commit checkpoints instead.")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);
}
