using CustomerCore.Access;
using CustomerCore.Customers;
using Microsoft.Extensions.Logging;

namespace CustomerCore;

internal static partial class Log
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Warning, Message = "Access denied: {Operation} needs the {Permission} permission.")]
    public static partial void AccessDenied(ILogger logger, string operation, AccessRights permission);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Access: {Operation} asked for customer {CustomerId} outside the caller's scope; treated as absent.")]
    public static partial void AccessOutOfScope(ILogger logger, string operation, CustomerId customerId);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Customer {CustomerId} claimed from the pool.")]
    public static partial void CustomerClaimed(ILogger logger, CustomerId customerId);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Information, Message = "Claim refused: the daily cap of {Cap} is reached.")]
    public static partial void ClaimCapReached(ILogger logger, int cap);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Information, Message = "{Count} stale customers returned to the pool.")]
    public static partial void StaleReturned(ILogger logger, int count);
}
