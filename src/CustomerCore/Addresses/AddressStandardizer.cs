using CustomerCore.Addresses.Latin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerCore.Addresses;

/// <summary>Standardizes addresses offline: Chinese addresses against the embedded gazetteer, others with the Latin-script parser.</summary>
/// <remarks>Stateless and thread-safe; the gazetteer loads lazily on the first Chinese address (see <see cref="Warm"/>).
/// Country detection: a hint wins; otherwise any CJK ideograph means China and anything else goes to the Latin-script (US) parser.</remarks>
public sealed class AddressStandardizer : IAddressStandardizer
{
    /// <summary>The longest input accepted, in UTF-16 code units; longer input comes back as <see cref="AddressFailureReason.TooLong"/>.</summary>
    public const int MaxInputLength = 1_000;

    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="AddressStandardizer"/> class.</summary>
    /// <param name="logger">The logger; optional.</param>
    public AddressStandardizer(ILogger<AddressStandardizer>? logger = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Loads the embedded gazetteer now rather than on the first Chinese address.</summary>
    /// <returns>The time the load took in milliseconds (0 when it was loaded already).</returns>
    public static double Warm() => Gazetteer.IsLoaded ? 0 : Gazetteer.Instance.LoadMilliseconds;

    /// <inheritdoc/>
    public StandardizedAddress Standardize(string raw, AddressHints? hints = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Length > MaxInputLength)
        {
            Log.AddressRejected(_logger, AddressFailureReason.TooLong);
            return new StandardizedAddress { Input = raw, Status = AddressStatus.Unparsed, FailureReason = AddressFailureReason.TooLong };
        }

        if (IsBlank(raw))
        {
            return new StandardizedAddress { Input = raw, Status = AddressStatus.Unparsed, FailureReason = AddressFailureReason.Empty };
        }

        var country = hints?.Country?.Trim().ToUpperInvariant();
        StandardizedAddress result;
        if (country == "CN" || (string.IsNullOrEmpty(country) && ContainsIdeograph(raw)))
        {
            if (!Gazetteer.IsLoaded)
            {
                Log.GazetteerLoaded(_logger, Gazetteer.Instance.LoadMilliseconds, Gazetteer.Instance.Divisions.Count, Gazetteer.Instance.TownCount);
            }

            result = ChineseAddressParser.Parse(raw, hints);
        }
        else
        {
            result = LatinMapper.ToResult(raw, UsAddressParser.Parse(raw), string.IsNullOrEmpty(country) ? null : country);
        }

        if (!result.IsSuccess)
        {
            Log.AddressRejected(_logger, result.FailureReason);
        }

        return result;
    }

    private static bool IsBlank(string raw)
    {
        foreach (var c in raw)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && c != '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    internal static bool ContainsIdeograph(string raw)
    {
        foreach (var c in raw)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or >= '\u2F00' and <= '\u2FDF')
            {
                return true;
            }
        }

        return false;
    }
}
