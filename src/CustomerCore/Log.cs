using Microsoft.Extensions.Logging;

namespace CustomerCore;

/// <summary>Holds the assembly's log messages with fixed event ids; messages carry ids and reasons, never personal data.</summary>
/// <remarks>Event id ranges per capability: 1000 customers, 1100 contacts, 1200 addresses, 1300 deduplication,
/// 1400 segmentation, 1500 geo, 1600 routing, 1700 privacy, 1800 access, 1900 import.</remarks>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "CustomerCore registered with default region {Region}.")]
    public static partial void Registered(ILogger logger, string region);
}
