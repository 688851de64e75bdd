namespace CustomerCore.Samples.Web;

/// <summary>Holds the web sample's log messages (ids, counts, never personal data).</summary>
internal static partial class WebLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Seeded {Created} demo customers ({Rejected} rejected by validation).")]
    public static partial void Seeded(ILogger logger, int created, int rejected);
}
