using System.Text;
using CustomerCore.Internal;

namespace CustomerCore.Addresses.Latin;

/// <summary>Labels the tokens of one Latin-script address with a small set of ordered rules.</summary>
/// <remarks>
/// Order: country, postcode and state are read from the right; PO boxes, units and recipient cues anywhere; the house
/// number is the first number that starts a street; the street runs to its suffix (chain) and post-directional; the city
/// sits between the street (or unit) and the state. Without commas the city is the longest GeoNames city of the state
/// that ends right before the state, else what follows the street suffix. Every rule is linear in the token count.
/// </remarks>
internal sealed partial class UsAddressLabeller
{
    private readonly string _input;
    private readonly List<LatinToken> _t;
    private readonly UsPlaces _places;
    private readonly LatinComponent?[] _label;
    private readonly bool[] _cue;
    private string[]? _cityWords;
    private readonly List<Piece> _pieces = new(10);
    private UsState? _state;
    private string? _countryCode;
    private string? _region;
    private bool _hasPostcode;

    public UsAddressLabeller(string input, List<LatinToken> tokens)
    {
        _input = input;
        _t = tokens;
        _places = UsPlaces.Instance;
        _label = new LatinComponent?[tokens.Count];
        _cue = new bool[tokens.Count];
    }

    private readonly record struct Piece(LatinComponent Component, int First, int Last, string Value, string? ChangeKind);

    public LatinParse Run()
    {
        var n = _t.Count;
        var end = TakeCountry(n);
        var right = end;
        var zip = FindPostcode(end);
        if (zip >= 0)
        {
            right = zip;
            var zipLast = zip;
            while (zipLast + 1 < end && _label[zipLast + 1] == LatinComponent.Postcode)
            {
                zipLast++;
            }

            if (zipLast + 1 < end)
            {
                AddRun(LatinComponent.Recipient, zipLast + 1, end - 1);
            }
        }

        var stateEnd = right - 1;
        if (stateEnd >= 0 && TryState(stateEnd, zip >= 0, out var stateStart, out var state))
        {
            _state = state;
            _region = state.Code;
            var kind = _t[stateStart].Key == state.Code && stateStart == stateEnd ? "normalized" : "abbreviated";
            Add(LatinComponent.Region, stateStart, stateEnd, state.Code, kind);
            right = stateStart;
        }
        else if (_countryCode is not null and not "US")
        {
            right = ForeignRegion(right);
        }

        if (_state is not null || (zip >= 0 && _countryCode is null))
        {
            _countryCode ??= "US";
        }

        var anchored = _state is not null || zip >= 0 || _region is not null;
        MarkBoxesUnitsAndCues(right);
        var house = FindHouseNumber(right);
        if (house >= 0)
        {
            LabelFromHouse(house, right, anchored);
        }
        else
        {
            LabelWithoutHouse(right, anchored);
        }

        return Build();
    }

    private int TakeCountry(int end)
    {
        var original = end;
        var taken = false;
        while (end > 0)
        {
            var matched = 0;
            if (!LatinVocabulary.CountryLastWords.Contains(_t[end - 1].Key))
            {
                break;
            }

            for (var len = Math.Min(5, end); len >= 1; len--)
            {
                var key = Phrase(end - len, end, compact: false);
                if (LatinVocabulary.Countries.TryGetValue(key, out var code) || (len > 1 && AllSingleLetters(end - len, end) && LatinVocabulary.Countries.TryGetValue(Phrase(end - len, end, compact: true), out code)))
                {
                    // "US" alone right after a street word is more likely a route (US 1); accept it only at the very end after a postcode or state.
                    if (len == 1 && key == "US" && end - 1 > 0 && !_t[end - 2].IsDigits && !taken && !_places.States.ContainsKey(_t[end - 2].Key) && !LatinVocabulary.Countries.ContainsKey(_t[end - 2].Key) && _t[end - 2].Key is not ("STATES" or "AMERICA"))
                    {
                        continue;
                    }

                    _countryCode ??= code;
                    matched = len;
                    break;
                }
            }

            if (matched == 0)
            {
                break;
            }

            end -= matched;
            taken = true;
        }

        if (taken)
        {
            Add(LatinComponent.Country, end, original - 1, _countryCode == "US" ? "USA" : _countryCode!, "normalized");
        }

        return end;
    }

    private int FindPostcode(int end)
    {
        if (end <= 0)
        {
            return -1;
        }

        var foreign = ForeignPostcode(end);
        if (foreign != -2)
        {
            return foreign;
        }

        for (var j = end - 1; j >= Math.Max(1, end - 7); j--)
        {
            var key = _t[j].Key;
            if (j > 0 && _t[j - 1].Key is "BOX" or "POB" or "POBOX" or "DRAWER" or "BX" or "LOCKBOX" or "#")
            {
                continue;
            }

            if (j == end - 2 && IsZip(key) && key.Length == 5 && _t[j + 1].IsDigits && _t[j + 1].Key.Length == 4 && j > 0 && TryState(j - 1, true, out _, out _))
            {
                Add(LatinComponent.Postcode, j, j + 1, key + "-" + _t[j + 1].Key, "normalized");
                _hasPostcode = true;
                return j;
            }

            var fourDigits = key.Length == 4 && j == end - 1 && !key.AsSpan().ContainsAnyExceptInRange('0', '9');
            if (!IsZip(key) && !fourDigits)
            {
                continue;
            }

            var afterState = j > 0 && TryState(j - 1, true, out _, out _);
            if ((IsZip(key) && (j == end - 1 || afterState)) || (afterState && fourDigits))
            {
                Add(LatinComponent.Postcode, j, j, FormatZip(_t[j].Key), null);
                _hasPostcode = true;
                return j;
            }
        }

        if (end == 1 && IsZip(_t[0].Key))
        {
            Add(LatinComponent.Postcode, 0, 0, FormatZip(_t[0].Key), null);
            _hasPostcode = true;
            return 0;
        }

        return -1;
    }

    private static bool IsZip(string key)
    {
        if (key.Length == 5 || key.Length == 9)
        {
            return !key.AsSpan().ContainsAnyExceptInRange('0', '9');
        }

        return key.Length == 10 && key[5] == '-' && !key.AsSpan(0, 5).ContainsAnyExceptInRange('0', '9') && !key.AsSpan(6).ContainsAnyExceptInRange('0', '9');
    }

    private static string FormatZip(string key) => key.Length == 9 ? string.Concat(key.AsSpan(0, 5), "-", key.AsSpan(5)) : key;

    private bool TryState(int last, bool hasZip, out int start, out UsState state)
    {
        start = -1;
        state = null!;
        for (var len = Math.Min(4, last + 1); len >= 1; len--)
        {
            var first = last - len + 1;
            if (_label[first] is not null || (len > 1 && _t[first].StartsWithDigit))
            {
                continue;
            }

            if (!_places.States.TryGetValue(Phrase(first, last + 1, compact: false), out var found)
                && !(len > 1 && AllSingleLetters(first, last + 1) && _places.States.TryGetValue(Phrase(first, last + 1, compact: true), out found)))
            {
                continue;
            }

            if (!hasZip && !StateWithoutZipIsLikely(first, last, found))
            {
                continue;
            }

            start = first;
            state = found;
            if (first > 0 && _label[first - 1] is null && _t[first - 1].BreakAfter && _places.States.TryGetValue(_t[first - 1].Key, out var again) && again == found)
            {
                start = first - 1;
            }

            return true;
        }

        return false;
    }

    // Without a ZIP a state must leave room for a street and a city before it, and codes that are also street words
    // (CT = Court, NE = northeast, FL = floor) need a comma or an earlier street suffix to count as states.
    private bool StateWithoutZipIsLikely(int first, int last, UsState state)
    {
        if (first == 0)
        {
            return false;
        }

        var breakBefore = _t[first - 1].BreakAfter;
        var startsWithNumber = _t[0].StartsWithDigit;
        var words = 0;
        var suffixSeen = false;
        for (var i = 0; i < first; i++)
        {
            var key = _t[i].Key;
            if (_t[i].IsWord && !LatinVocabulary.Directionals.ContainsKey(key))
            {
                words++;
            }

            if (i < first - 1 && i > 0 && (IsSuffix(i) || IsRouteNumber(i)))
            {
                suffixSeen = true;
            }
        }

        if (words < (breakBefore || !startsWithNumber ? 1 : 2))
        {
            return false;
        }

        // A known city of that state right before the state settles it ("marion kansas", "palm coast fl").
        if (_places.CitiesByState.TryGetValue(state.Code, out var cities))
        {
            for (var from = Math.Max(0, first - 3); from < first; from++)
            {
                if (cities.ContainsKey(CityPhrase(from, first)) && from > 0 && (first - from > 1 || _t[from].Key.Length > 2))
                {
                    return true;
                }
            }
        }

        var key0 = _t[first].Key;
        var ambiguous = first == last && key0.Length == 2
            && (_places.Suffixes.ContainsKey(key0) || LatinVocabulary.Directionals.ContainsKey(key0) || LatinVocabulary.Units.ContainsKey(key0)
                || key0 is "IN" or "OR" or "ME" or "OK" or "HI" or "DE" or "LA" or "MA" or "PA" or "AS" or "CO");
        var previousKey = _t[first - 1].Key;
        if (first == last && (LatinVocabulary.OrdinalWords.ContainsKey(previousKey) || OrdinalNumber(previousKey) is not null || (previousKey.Length > 0 && char.IsAsciiDigit(previousKey[0]) && LatinVocabulary.Units.ContainsKey(key0))))
        {
            return false;
        }

        if (first == last && LatinVocabulary.Directionals.ContainsKey(key0) && IsSuffix(first - 1))
        {
            return false;
        }

        var fullName = !(first == last && key0 == state.Code);
        if (ambiguous || (fullName && startsWithNumber && !breakBefore && !suffixSeen && first == last))
        {
            return breakBefore || (suffixSeen && !IsSuffix(first - 1) && !LatinVocabulary.Directionals.ContainsKey(_t[first - 1].Key));
        }

        return true;
    }

    private bool AllSingleLetters(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (_t[i].Key.Length != 1)
            {
                return false;
            }
        }

        return true;
    }

    private string Phrase(int from, int to, bool compact)
    {
        if (to - from == 1)
        {
            return _t[from].Key;
        }

        var sb = new StringBuilder(24);
        for (var i = from; i < to; i++)
        {
            if (i > from && !compact)
            {
                sb.Append(' ');
            }

            sb.Append(_t[i].Key);
        }

        return sb.ToString();
    }

    private bool IsSuffix(int i) => _places.Suffixes.ContainsKey(_t[i].Key);

    private bool IsDirectional(int i) => LatinVocabulary.Directionals.ContainsKey(_t[i].Key);

    private void Add(LatinComponent component, int first, int last, string value, string? changeKind)
    {
        for (var i = first; i <= last; i++)
        {
            _label[i] = component;
        }

        _pieces.Add(new Piece(component, first, last, value, changeKind));
    }

    private void AddRun(LatinComponent component, int first, int last)
    {
        if (first > last)
        {
            return;
        }

        var text = Text(first, last);
        Add(component, first, last, CollapseSpaces(text), null);
    }

    private string Text(int first, int last) => _input[_t[first].Start.._t[last].End];

    // Values keep the input's characters, folded (NFKC, no control characters, single spaces).
    private static string CollapseSpaces(string text) => TextFolding.Fold(text);

}
