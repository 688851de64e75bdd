using CustomerCore.Addresses;
using Microsoft.Extensions.Logging;

namespace CustomerCore;

internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Address not standardized: {Reason}.")]
    public static partial void AddressRejected(ILogger logger, AddressFailureReason reason);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Gazetteer loaded in {Milliseconds:F0} ms: {Divisions} divisions, {Towns} towns.")]
    public static partial void GazetteerLoaded(ILogger logger, double milliseconds, int divisions, int towns);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Geocode failed ({Reason}); remembered until {Until}.")]
    public static partial void GeocodeFailed(ILogger logger, CustomerCore.Addresses.GeocodeFailureReason reason, DateTimeOffset until);
}
