using CustomerCore.Customers;
using Microsoft.Extensions.Logging;

namespace CustomerCore;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Customer {CustomerId} rejected with {ProblemCount} validation problems.")]
    public static partial void CustomerRejected(ILogger logger, CustomerId customerId, int problemCount);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Customer {CustomerId} created.")]
    public static partial void CustomerCreated(ILogger logger, CustomerId customerId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Customer {CustomerId} update refused: version {Version} is stale.")]
    public static partial void CustomerConflict(ILogger logger, CustomerId customerId, long version);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Batch create of {Count} customers: {Created} created, {Invalid} invalid, {Other} not stored for other reasons.")]
    public static partial void CustomersCreated(ILogger logger, int count, int created, int invalid, int other);
}
