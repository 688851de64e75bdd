namespace CustomerCore.Addresses.Latin;

/// <summary>Holds the generic fallback for other Latin-script countries (postcode shapes and region codes) and the result builder.</summary>
internal sealed partial class UsAddressLabeller
{
    // Returns the first postcode token index, -1 when a foreign country is known but has no postcode, -2 when not foreign.
    private int ForeignPostcode(int end)
    {
        var country = _countryCode;
        var last = _t[end - 1].Key;
        var previous = end >= 2 ? _t[end - 2].Key : string.Empty;

        if ((country is null or "CA") && IsCanadianPostcode(last, out var single))
        {
            var first = single ? end - 1 : end - 2;
            if (single || (end >= 2 && IsCanadianPostcode(previous + last, out _)))
            {
                _countryCode = "CA";
                Add(LatinComponent.Postcode, first, end - 1, single ? last[..3] + " " + last[3..] : previous + " " + last, "normalized");
                _hasPostcode = true;
                return first;
            }
        }

        if ((country is null or "GB") && end >= 2 && IsUkOutward(previous) && IsUkInward(last))
        {
            _countryCode = "GB";
            Add(LatinComponent.Postcode, end - 2, end - 1, previous + " " + last, "normalized");
            _hasPostcode = true;
            return end - 2;
        }

        if (country is null or "US")
        {
            return -2;
        }

        switch (country)
        {
            case "AU" or "AT" or "CH" or "BE" or "NZ" when last.Length == 4 && !last.AsSpan().ContainsAnyExceptInRange('0', '9'):
                Add(LatinComponent.Postcode, end - 1, end - 1, last, null);
                _hasPostcode = true;
                return end - 1;
            case "NL" when end >= 2 && previous.Length == 4 && !previous.AsSpan().ContainsAnyExceptInRange('0', '9') && last.Length == 2:
                Add(LatinComponent.Postcode, end - 2, end - 1, previous + " " + last, "normalized");
                _hasPostcode = true;
                return end - 2;
            default:
                break;
        }

        // Postcode before the city (DE, FR, ES, IT, AT, CH, BE, NL): "10115 Berlin".
        for (var j = end - 2; j >= Math.Max(1, end - 5); j--)
        {
            var key = _t[j].Key;
            if (key.Length is 4 or 5 && !key.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                Add(LatinComponent.Postcode, j, j, key, null);
                _hasPostcode = true;
                LabelCity(j + 1, end);
                return j;
            }
        }

        return -1;
    }

    // Canadian provinces and Australian states are written before the postcode like US states.
    private int ForeignRegion(int right)
    {
        if (right <= 0)
        {
            return right;
        }

        var key = _t[right - 1].Key;
        if ((_countryCode == "CA" && LatinVocabulary.CanadianProvinces.Contains(key))
            || (_countryCode == "AU" && LatinVocabulary.AustralianStates.Contains(key)))
        {
            _region = key;
            Add(LatinComponent.Region, right - 1, right - 1, key, "normalized");
            return right - 1;
        }

        return right;
    }

    private static bool IsCanadianPostcode(string key, out bool single)
    {
        single = key.Length == 6;
        if (key.Length == 3)
        {
            return char.IsAsciiDigit(key[0]) && char.IsAsciiLetterUpper(key[1]) && char.IsAsciiDigit(key[2]);
        }

        return key.Length == 6 && char.IsAsciiLetterUpper(key[0]) && char.IsAsciiDigit(key[1]) && char.IsAsciiLetterUpper(key[2])
            && char.IsAsciiDigit(key[3]) && char.IsAsciiLetterUpper(key[4]) && char.IsAsciiDigit(key[5]);
    }

    private static bool IsUkOutward(string key)
    {
        if (key.Length is < 2 or > 4 || !char.IsAsciiLetterUpper(key[0]))
        {
            return false;
        }

        var i = char.IsAsciiLetterUpper(key[1]) ? 2 : 1;
        if (i >= key.Length || !char.IsAsciiDigit(key[i]))
        {
            return false;
        }

        for (var j = i + 1; j < key.Length; j++)
        {
            if (!char.IsAsciiLetterOrDigit(key[j]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUkInward(string key) =>
        key.Length == 3 && char.IsAsciiDigit(key[0]) && char.IsAsciiLetterUpper(key[1]) && char.IsAsciiLetterUpper(key[2]);

    private LatinParse Build()
    {
        _pieces.Sort(static (a, b) => a.First.CompareTo(b.First));
        var spans = new LatinSpan[_pieces.Count];
        var changes = new List<LatinChange>();
        var labelled = 0;
        var core = 0;
        for (var i = 0; i < _pieces.Count; i++)
        {
            var p = _pieces[i];
            var start = _t[p.First].Start;
            var length = _t[p.Last].End - start;
            spans[i] = new LatinSpan(p.Component, start, length, p.Value);
            labelled += p.Last - p.First + 1;
            if (p.ChangeKind is not null && !_input.AsSpan(start, length).SequenceEqual(p.Value))
            {
                changes.Add(new LatinChange(p.Component, p.ChangeKind, _input.Substring(start, length), p.Value));
            }

            if (p.Component is LatinComponent.HouseNumber or LatinComponent.Street or LatinComponent.PoBox or LatinComponent.City
                or LatinComponent.Region or LatinComponent.Postcode)
            {
                core++;
            }
        }

        var confidence = 0.0;
        if (_t.Count > 0 && spans.Length > 0)
        {
            confidence = 0.35 + (0.35 * labelled / _t.Count) + (0.05 * Math.Min(core, 6));
            if (_hasPostcode && _state is not null)
            {
                confidence = Math.Min(1, confidence + 0.05);
            }
        }

        return new LatinParse(spans, _countryCode, _state?.Code ?? _region, _state?.Fips is { Length: > 0 } fips ? fips : null, Math.Round(Math.Min(confidence, 1), 2), changes);
    }
}
