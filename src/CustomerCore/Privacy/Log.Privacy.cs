using CustomerCore.Customers;
using Microsoft.Extensions.Logging;

namespace CustomerCore;

internal static partial class Log
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Key rotation to key {KeyId}: {Scanned} customers scanned, {Reencrypted} re-encrypted, {Conflicts} left for a later run.")]
    public static partial void KeyRotationProgress(ILogger logger, string keyId, long scanned, long reencrypted, long conflicts);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Key rotation skipped customer {CustomerId}: it changed twice while being re-encrypted; run the rotation again.")]
    public static partial void KeyRotationConflict(ILogger logger, CustomerId customerId);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Customer {CustomerId} erased by {UserId}: {Records} related records deleted.")]
    public static partial void CustomerErased(ILogger logger, CustomerId customerId, string userId, int records);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Information, Message = "Customer {CustomerId} exported by {UserId}.")]
    public static partial void CustomerExported(ILogger logger, CustomerId customerId, string userId);
}
