using System.Globalization;

namespace CustomerCore.Storage;

/// <summary>Encodes the (UTC ticks, id) keyset position of the last item of a page as an opaque continuation token.</summary>
/// <remarks>Shared by every provider so tokens mean the same everywhere; ids order like their text form.</remarks>
internal static class KeysetToken
{
    public static string Encode(DateTimeOffset time, Guid id) => string.Create(CultureInfo.InvariantCulture, $"{time.UtcTicks}_{id:N}");

    public static (long Ticks, Guid Id) Decode(string token, string paramName)
    {
        var parts = token.Split('_');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            throw new ArgumentException("The continuation token is not one this store issued.", paramName);
        }

        return (ticks, id);
    }
}
