using System.Buffers;
using System.Text;

namespace CustomerCore.Addresses.Latin;

/// <summary>Holds the street, unit, PO box, city and recipient rules of the labeller.</summary>
internal sealed partial class UsAddressLabeller
{
    private void MarkBoxesUnitsAndCues(int right)
    {
        for (var i = 0; i < right; i++)
        {
            if (_label[i] is not null)
            {
                continue;
            }

            var colon = _t[i].End < _input.Length && _input[_t[i].End] == ':';
            var accountCue = LatinVocabulary.AccountCues.Contains(_t[i].Key) && i + 1 < right && _t[i + 1].Key is "#" or "NO" or "NUMBER";
            if (accountCue || LatinVocabulary.RecipientCues.Contains(_t[i].Key) || (_t[i].Key == "CARE" && i + 1 < right && _t[i + 1].Key == "OF") || (colon && _t[i].Key is "RE" or "ATT" or "TO"))
            {
                _cue[i] = true;

                // "re: acct # 50016": a number right after the cue belongs to the recipient line, not a unit; so does a lockbox
                // named in an attention line ("Attn: Lockbox # 402605", a routing number inside the company, not a USPS box).
                var attention = _t[i].Key is "ATTN" or "ATTENTION" or "ATT";
                while (i + 1 < right && (_t[i + 1].IsWord || _t[i + 1].Key == "#" || _t[i + 1].HasDigit) && ((attention && _t[i + 1].Key is "LOCKBOX" or "LB" or "LBX") || !TryPoBox(i + 1, right, out _, out _)) && !_t[i].BreakAfter && !_t[i + 1].StartsWithDigit)
                {
                    i++;
                    if (_t[i].Key == "#" && i + 1 < right && _t[i + 1].HasDigit)
                    {
                        i++;
                        break;
                    }
                }

                continue;
            }

            if (TryPoBox(i, right, out var last, out var value))
            {
                Add(LatinComponent.PoBox, i, last, value, "normalized");
                i = last;
                continue;
            }

            if (TryUnit(i, right, out last, out value))
            {
                Add(LatinComponent.Unit, UnitLabelBefore(i), last, value, "normalized");
                i = last;
            }
        }

        DemoteSecondBoxes();
        TakeRouteBeforeRuralBox();
    }

    // "Route 7 RR 7 Box": the route written out before a rural-route box is part of the box line.
    private void TakeRouteBeforeRuralBox()
    {
        for (var p = 0; p < _pieces.Count; p++)
        {
            var piece = _pieces[p];
            var f = piece.First;
            if (piece.Component != LatinComponent.PoBox || f < 2 || !piece.Value.StartsWith("RR ", StringComparison.Ordinal)
                || _label[f - 1] is not null || _label[f - 2] is not null || _t[f - 2].Key is not ("ROUTE" or "RT" or "RTE") || !_t[f - 1].IsDigits
                || _t[f - 2].BreakAfter || _t[f - 1].BreakAfter)
            {
                continue;
            }

            _pieces[p] = piece with { First = f - 2 };
            _label[f - 2] = LatinComponent.PoBox;
            _label[f - 1] = LatinComponent.PoBox;
        }
    }

    // "Substation # 1", "Ref No. 2438", "KBA # 90688": a short or line-opening word right before "#"/"No" names the number.
    private int UnitLabelBefore(int i)
    {
        var w = i - 1;
        if (w < 0 || _t[i].Key is not ("#" or "NO" or "NUM") || _label[w] is not null || _cue[w] || !_t[w].IsWord || _t[w].BreakAfter
            || IsSuffix(w) || IsDirectional(w) || LatinVocabulary.RouteTypes.Contains(_t[w].Key) || LatinVocabulary.Units.ContainsKey(_t[w].Key))
        {
            return i;
        }

        var opensLine = w == 0 || _t[w - 1].BreakAfter || _label[w - 1] is not null;
        var shortWord = _t[w].Key.Length is >= 2 and <= 4 && w > 0 && !_t[w - 1].StartsWithDigit;
        return opensLine || shortWord ? w : i;
    }

    // "Drawer 368 PO Box 11407", "PO Box 850001 Box # 0123": of two boxes side by side, the one not written "PO Box" is a unit.
    private void DemoteSecondBoxes()
    {
        for (var p = 0; p < _pieces.Count; p++)
        {
            var piece = _pieces[p];
            if (piece.Component != LatinComponent.PoBox)
            {
                continue;
            }

            var neighbour = false;
            for (var q = 0; q < _pieces.Count; q++)
            {
                var other = _pieces[q];
                neighbour |= q != p && other.Component == LatinComponent.PoBox && (other.Last + 1 == piece.First || piece.Last + 1 == other.First);
            }

            if (neighbour && _t[piece.First].Key is "DRAWER" or "LOCKBOX" or "BOX" or "LB" or "LBX" or "LOCK" or "BX")
            {
                _pieces[p] = piece with { Component = LatinComponent.Unit, Value = piece.Value.Replace("PO ", string.Empty, StringComparison.Ordinal) };
                for (var k = piece.First; k <= piece.Last; k++)
                {
                    _label[k] = LatinComponent.Unit;
                }
            }
        }
    }

    private bool TryPoBox(int i, int right, out int last, out string value)
    {
        last = -1;
        value = string.Empty;
        var k = _t[i].Key;
        int idAt;
        string kind;
        if (k is "POBOX" or "POB" or "LOCKBOX" or "POBX" or "LB" or "LBX")
        {
            idAt = i + 1;
            kind = "PO Box";
        }
        else if (k == "POST" && i + 2 < right && _t[i + 1].Key == "OFFICE" && _t[i + 2].IsDigits)
        {
            idAt = i + 2;
            kind = "PO Box";
        }
        else if ((k is "PO" or "BOX" or "LOCK" or "DRAWER" or "POST") && i + 1 < right)
        {
            idAt = i;
            var n1 = _t[i + 1].Key;
            if (k == "BOX" || k == "DRAWER")
            {
                idAt = i + 1;
            }
            else if (n1 is "BOX" or "DRAWER" or "BX")
            {
                idAt = i + 2;
            }
            else if (k == "POST" && n1 == "OFFICE" && i + 2 < right && _t[i + 2].Key == "BOX")
            {
                idAt = i + 3;
            }
            else
            {
                return false;
            }

            kind = k == "DRAWER" || n1 == "DRAWER" ? "PO Drawer" : "PO Box";
        }
        else if (k == "P" && i + 2 < right && _t[i + 1].Key == "O" && _t[i + 2].Key is "BOX" or "B")
        {
            idAt = i + 3;
            kind = "PO Box";
        }
        else if (TryRouteBox(i, right, out last, out value) || TryContractRoute(i, right, out last, out value))
        {
            return true;
        }
        else if ((k is "RR" or "HC" or "HCR" or "PSC" or "CMR" or "RFD") || (k is "RURAL" or "HIGHWAY" && i + 1 < right && _t[i + 1].Key is "ROUTE" or "CONTRACT")
            || (k is "RT" or "RTE" or "ROUTE" && i + 3 < right && (_t[i + 1].IsDigits || (_t[i + 1].Key == "#" && i + 4 < right && _t[i + 2].IsDigits)) && _t[i + (_t[i + 1].Key == "#" ? 3 : 2)].Key is "BOX" or "BX"))
        {
            var at = k is "RURAL" or "HIGHWAY" ? i + 2 : i + 1;
            if (at < right && _t[at].Key == "#")
            {
                at++;
            }

            if (at >= right || !_t[at].HasDigit || _label[at] is not null)
            {
                return false;
            }

            var prefix = k switch { "RURAL" or "RFD" or "RT" or "RTE" or "ROUTE" => "RR", "HIGHWAY" or "HCR" => "HC", _ => k };
            last = at;
            value = prefix + " " + _t[at].Key;
            RuralBox(at, right, ref last, ref value);
            return true;
        }
        else if (k.Length > 2 && k.StartsWith("RR", StringComparison.Ordinal) && !k.AsSpan(2).ContainsAnyExceptInRange('0', '9'))
        {
            last = i;
            value = "RR " + k[2..];
            RuralBox(i, right, ref last, ref value);
            return true;
        }
        else
        {
            return false;
        }

        if (idAt < right && _t[idAt].Key is "#" or "NO" or "CS")
        {
            idAt++;
        }

        if (idAt >= right || !IsBoxId(idAt))
        {
            // "3353 Peachtree Road P.O. Box Atlanta Financial Center": "PO Box" spelled out without its number is still the box.
            var spelled = idAt > i + 1 && _t[idAt - 1].Key == "BOX" && (k == "PO" || k == "P") && _label[idAt - 1] is null;
            if (spelled && (idAt >= right || (_t[idAt].IsWord && _t[idAt].Key.Length > 1 && _label[idAt] is null)))
            {
                last = idAt - 1;
                value = "PO Box";
                return true;
            }

            return false;
        }

        last = BoxLetter(idAt, right);
        value = kind + " " + _t[idAt].Key;
        return true;
    }

    // "HC Rte 15B Box # 1A", "Star Rte 12A Box 455B", "Highway Contract Route 12A Box 285".
    private bool TryContractRoute(int i, int right, out int last, out string value)
    {
        last = -1;
        value = string.Empty;
        var j = i;
        var k = _t[i].Key;
        if (k is "HC" or "HCR" or "STAR")
        {
            j++;
        }
        else if (k is "HIGHWAY" or "HWY" && i + 1 < right && _t[i + 1].Key == "CONTRACT")
        {
            j += 2;
        }
        else
        {
            return false;
        }

        if (j < right && _t[j].Key is "ROUTE" or "RTE" or "RT")
        {
            j++;
        }

        if (j < right && _t[j].Key == "#")
        {
            j++;
        }

        if (j >= right || !_t[j].HasDigit || _label[j] is not null || j + 1 >= right || _t[j + 1].Key is not ("BOX" or "BX"))
        {
            return false;
        }

        last = j;
        value = (k == "STAR" ? "Star Rte " : "HC ") + _t[j].Key;
        RuralBox(j, right, ref last, ref value);
        return true;
    }

    private void RuralBox(int at, int right, ref int last, ref string value)
    {
        if (at + 1 < right && _t[at + 1].Key is "BOX" or "BX" && _label[at + 1] is null)
        {
            last = at + 1;
            var id = at + 2 < right && _t[at + 2].Key == "#" ? at + 3 : at + 2;
            if (id < right && IsBoxId(id))
            {
                last = BoxLetter(id, right);
                value += " Box " + _t[id].Key;
            }
        }
    }

    // "Box 164 A": a trailing letter at the end belongs to the box number.
    private int BoxLetter(int id, int right)
    {
        var next = id + 1;
        // "RR 1 Box 103 A Rio IL": a letter that is no directional and starts no street also belongs to the box number.
        return next < right && _label[next] is null && !_t[id].BreakAfter && _t[next].Key.Length == 1 && char.IsAsciiLetter(_t[next].Key[0])
            && (next + 1 == right || _t[next].BreakAfter || _label[next + 1] is not null || (!IsDirectional(next) && !IsSuffix(next + 1) && !SuffixWithin(next + 1, Math.Min(right, next + 4)))) ? next : id;
    }

    // "Route Box # 100", "West Route Box West # 4": a rural route box without a route number.
    private bool TryRouteBox(int i, int right, out int last, out string value)
    {
        last = -1;
        value = string.Empty;
        var j = i;
        if (IsDirectional(j))
        {
            j++;
        }

        if (j >= right || _t[j].Key is not ("ROUTE" or "RTE" or "RT" or "RR"))
        {
            return false;
        }

        j++;
        if (j < right && IsDirectional(j))
        {
            j++;
        }

        if (j >= right || _t[j].Key is not ("BOX" or "BX"))
        {
            return false;
        }

        j++;
        while (j < right && (IsDirectional(j) || _t[j].Key == "#"))
        {
            j++;
        }

        if (j >= right || !IsBoxId(j))
        {
            return false;
        }

        last = j;
        value = "RR Box " + _t[j].Key;
        return true;
    }

    private bool IsBoxId(int i) => _label[i] is null && (_t[i].HasDigit || (_t[i].Key.Length == 1 && char.IsAsciiLetter(_t[i].Key[0])));

    private bool TryUnit(int i, int right, out int last, out string value)
    {
        last = -1;
        value = string.Empty;
        var k = _t[i].Key;

        // "Second Floor", "3rd Fl", "Lower Level", "Ground Floor".
        if (i + 1 < right && _t[i + 1].Key is "FLOOR" or "FL" or "FLR" or "LEVEL" or "LVL" && _label[i + 1] is null)
        {
            var number = LatinVocabulary.OrdinalWords.TryGetValue(k, out var w) ? w : OrdinalNumber(k) ?? (_t[i].IsDigits && k.Length <= 3 ? k : null);
            if (number is not null)
            {
                // "2nd floor conference room,": a room named after the floor belongs to the unit.
                last = i + 1;
                for (var j = i + 2; j < Math.Min(right, i + 5) && _label[j] is null && _t[j].IsWord && !_t[j - 1].BreakAfter; j++)
                {
                    if (_t[j].Key is "ROOM" && (j + 1 == right || _t[j].BreakAfter))
                    {
                        last = j;
                    }
                }

                value = "Fl " + number;
                return true;
            }

            if (k is "LOWER" or "UPPER" or "MAIN" or "GROUND")
            {
                last = i + 1;
                value = TitleCase(k) + " Level";
                return true;
            }
        }

        // "Suite100", "Unit508", "Apt5B": designator and identifier written together.
        if (GluedUnit(k) is { } glued)
        {
            last = i;
            value = TitleCase(glued.Designator) + " " + glued.Id;
            return true;
        }

        if (k is "NO" or "NUM" && i + 1 < right && _t[i + 1].HasDigit && _label[i + 1] is null && !IsRouteContext(i))
        {
            last = ExtendUnit(i + 1, right);
            value = "# " + _t[i + 1].Key;
            return true;
        }

        // "Bonhomme Ave St 1400", "Bldg. 10, St. 310": St after a street suffix or a unit and before a number is a suite.
        if (k == "ST" && i > 0 && (IsSuffix(i - 1) || _label[i - 1] == LatinComponent.Unit) && i + 1 < right && _t[i + 1].HasDigit && _label[i + 1] is null)
        {
            last = i + 1;
            value = "Ste " + _t[i + 1].Key;
            return true;
        }

        // "North Tower 3353 Peachtree Road", "M Street, NW North Tower, Ste. 700", "8th Street, West Hall, Room 311": a directional
        // tower, wing or hall opening the line or closing the street, before a number or a break, is a part of a building.
        if (i + 1 < right && _t[i + 1].Key is "TOWER" or "WING" or "HALL" && IsDirectional(i) && _t[i].Key.Length > 2 && _label[i + 1] is null && !_t[i].BreakAfter
            && (i + 2 == right || _t[i + 1].BreakAfter || _t[i + 2].StartsWithDigit) && OpensBuildingPart(i))
        {
            last = i + 1;
            value = TitleCase(_t[i].Key) + " " + TitleCase(_t[i + 1].Key);
            return true;
        }

        // "Medical Park Tower 5 Suite 704": a tower with a short number is a part of a building, like a wing.
        if (k == "TOWER" && i > 0 && i + 1 < right && _t[i + 1].IsDigits && _t[i + 1].Key.Length <= 2 && _label[i + 1] is null && !_t[i].BreakAfter && !_t[i - 1].BreakAfter)
        {
            last = i + 1;
            value = "Tower " + _t[i + 1].Key;
            return true;
        }

        // "Mail Code 5021", "Client Code 28502".
        if (k is "MAIL" or "CLIENT" && i + 2 < right && _t[i + 1].Key == "CODE" && _t[i + 2].HasDigit && _label[i + 2] is null)
        {
            last = i + 2;
            value = TitleCase(k) + " Code " + _t[i + 2].Key;
            return true;
        }

        // "SU£TE 1800": a designator with one stray symbol inside (an encoding error) reads as two tokens.
        if (i + 2 < right && _label[i + 1] is null && _label[i + 2] is null && GarbledDesignator(i) is { } garbled && IsUnitId(i + 2, right))
        {
            last = ExtendUnit(i + 2, right);
            value = TitleCase(garbled) + " " + _t[i + 2].Key;
            return true;
        }

        if (!LatinVocabulary.Units.TryGetValue(k, out var designator))
        {
            return false;
        }

        if (designator == "#" && i + 1 < right && _t[i + 1].Key != "#" && LatinVocabulary.Units.ContainsKey(_t[i + 1].Key) && TryUnit(i + 1, right, out last, out value))
        {
            return true;
        }

        // "State Highway #50", "Route # A": the number of a route, not a unit; "# 2 Turner Rd" opening the address is the house number.
        if (designator == "#" && (IsRouteContext(i) || IsNumberSignHouse(i, right)))
        {
            return false;
        }


        var idAt = i + 1;
        if (idAt < right && designator != "#" && _t[idAt].Key is "#" or "NO" or "NUM")
        {
            idAt++;
        }

        if (idAt < right && _label[idAt] is null && IsUnitId(idAt, right))
        {
            last = ExtendUnit(idAt, right);
            value = (designator == "#" ? "#" : TitleCase(designator)) + " " + _t[idAt].Key.TrimStart('#');
            return true;
        }

        // Stand-alone designators (Rear, Bsmt, PH) need a break or the end after them; any designator may stand alone
        // between a street suffix and the city of the state ("Dorchester Pl NE Unit Cedar Rapids IA").
        var beforeCity = _state is not null && i > 1 && designator is not ("#" or "BLDG") && (IsSuffix(i - 1) || (IsDirectional(i - 1) && IsSuffix(i - 2))) && IsKnownCity(i + 1, right);
        if (beforeCity || (LatinVocabulary.StandaloneUnits.Contains(k) && (i + 1 == right || _t[i].BreakAfter || (i + 1 < right && LatinVocabulary.Units.ContainsKey(_t[i + 1].Key)))))
        {
            last = i;
            value = TitleCase(designator);
            return true;
        }

        return false;
    }

    private bool OpensBuildingPart(int i) =>
        i == 0 || _t[i - 1].BreakAfter || _label[i - 1] is not null || IsSuffix(i - 1)
        || (i >= 2 && IsDirectional(i - 1) && _t[i - 1].Key.Length <= 2 && (IsSuffix(i - 2) || _t[i - 2].BreakAfter));

    // Returns the USPS designator when tokens i and i + 1 are one designator word split by a single stray symbol.
    private string? GarbledDesignator(int i)
    {
        var a = _t[i].Key;
        var b = _t[i + 1].Key;
        if (_t[i + 1].Start != _t[i].End + 1 || !_t[i].IsWord || !_t[i + 1].IsWord || a.Length + b.Length < 3 || _t[i].BreakAfter)
        {
            return null;
        }

        var c = _input[_t[i].End];
        if (char.IsWhiteSpace(c) || char.IsLetterOrDigit(c) || char.IsControl(c))
        {
            return null;
        }

        foreach (var (word, designator) in LatinVocabulary.Units)
        {
            if (word.Length == a.Length + b.Length + 1 && word.StartsWith(a, StringComparison.Ordinal) && word.EndsWith(b, StringComparison.Ordinal))
            {
                return designator;
            }
        }

        return null;
    }

    // "State Highway #50", "Highway No 33": the token follows a route type that starts the street.
    private bool IsRouteContext(int i) =>
        i > 0 && LatinVocabulary.RouteTypes.Contains(_t[i - 1].Key) && _t[i - 1].Key is not ("AVE" or "AVENUE" or "LANE" or "LN" or "RD" or "ROAD")
        && (i < 2 || _t[i - 2].StartsWithDigit || _t[i - 2].Key is "STATE" or "US" or "COUNTY" or "FM" or "HIGHWAY" or "HWY" or "US HWY");

    // After a unit identifier: a floor word ("Apt. 3rd Flr."), or a lone letter or directional at the end ("Apt 13 C", "# 3 South").
    private int ExtendUnit(int id, int right)
    {
        var next = id + 1;
        if (next >= right || _label[next] is not null || _t[id].BreakAfter)
        {
            return id;
        }

        if (_t[next].Key is "FLOOR" or "FL" or "FLR" && OrdinalNumber(_t[id].Key) is not null)
        {
            return next;
        }

        // "Dept 472 806009965 Kansas City", "Suite 2 3665 Valley Cottage": a second number that starts no street.
        if (_t[next].IsDigits && (next + 1 == right || _t[next].BreakAfter || _label[next + 1] is not null || !SuffixWithin(next + 1, right) || CityStartsBeforeSuffix(next + 1, right)))
        {
            return next;
        }

        var single = _t[next].Key.Length == 1 && char.IsAsciiLetter(_t[next].Key[0]);
        if ((single || IsDirectional(next)) && (next + 1 == right || _t[next].BreakAfter))
        {
            return next;
        }

        return id;
    }

    private static (string Designator, string Id)? GluedUnit(string key)
    {
        foreach (var word in s_gluedDesignators)
        {
            if (key.Length > word.Length && key.StartsWith(word, StringComparison.Ordinal) && char.IsAsciiDigit(key[word.Length]))
            {
                return (LatinVocabulary.Units[word], key[word.Length..].TrimStart('#'));
            }

            // "Bld-A", "Apt-3C": designator, hyphen, identifier.
            if (key.Length > word.Length + 1 && key.Length <= word.Length + 5 && key[word.Length] == '-' && key.StartsWith(word, StringComparison.Ordinal) && char.IsAsciiLetterOrDigit(key[word.Length + 1]))
            {
                return (LatinVocabulary.Units[word], key[(word.Length + 1)..]);
            }
        }

        return null;
    }

    private static readonly string[] s_gluedDesignators = ["SUITE", "STE", "APT", "UNIT", "ROOM", "RM", "BLDG", "BLD", "LOT", "SPC", "TRLR"];

    private bool IsUnitId(int i, int right)
    {
        var key = _t[i].Key;
        if (_t[i].HasDigit)
        {
            // A 5-digit number right before the state is the ZIP-less end, still an identifier; "# 1/2" is not.
            return !key.Contains('/', StringComparison.Ordinal);
        }

        // One or two letters ("Unit B", "Bldg AA", "Unit C-D") unless they begin the street ("Ste N Main") or are a small word.
        var letters = key.Replace("-", string.Empty, StringComparison.Ordinal);
        // "Bldg St. Paul MN": letters that open the city of the state are no identifier.
        return letters.Length is >= 1 and <= 2 && letters.All(char.IsAsciiLetter) && key is not ("OF" or "IN" or "ON" or "AT" or "TO" or "BY" or "OR" or "AN" or "THE")
            && (i + 1 >= right || !IsSuffix(i + 1)) && !(i + 1 < right && _state is not null && IsKnownCity(i, right));
    }

    private static string? OrdinalNumber(string key)
    {
        if (key.Length < 3 || !char.IsAsciiDigit(key[0]))
        {
            return null;
        }

        var tail = key[^2..];
        return tail is "ST" or "ND" or "RD" or "TH" && !key.AsSpan(0, key.Length - 2).ContainsAnyExceptInRange('0', '9') ? key[..^2] : null;
    }

    private int FindHouseNumber(int right)
    {
        for (var i = 0; i < right - 1; i++)
        {
            if (_label[i] is not null || _cue[i] || _cue[i + 1])
            {
                continue;
            }

            if (_label[i + 1] is not null)
            {
                // "6910 # G Mary Caroline Circle": a number opening the line, a unit, then a typed street.
                if (_label[i + 1] == LatinComponent.Unit && _t[i].IsDigits && !_t[i].BreakAfter && (i == 0 || _t[i - 1].BreakAfter) && StreetAfterUnit(i + 1, right))
                {
                    return i;
                }

                continue;
            }

            var t = _t[i];
            var next = _t[i + 1];
            var numberLike = (t.StartsWithDigit && OrdinalNumber(t.Key) is null)
                || (t.HasDigit && t.Key.Length >= 2 && char.IsAsciiLetter(t.Key[0]) && (char.IsAsciiDigit(t.Key[1]) || (t.Key.Length > 2 && char.IsAsciiLetter(t.Key[1]) && char.IsAsciiDigit(t.Key[2]))) && (i == 0 || _t[i - 1].BreakAfter))
                || (LatinVocabulary.NumberWords.Contains(t.Key) && (i == 0 || _t[i - 1].BreakAfter || _label[i - 1] is not null) && SuffixWithin(i + 2, Math.Min(right, i + 5)))
                || (i == 0 && IsLetterHouseNumber(t.Key) && !IsDirectional(i) && next.IsWord && !IsSuffix(i + 1) && SuffixWithin(i + 2, Math.Min(right, i + 5)));
            // After a PO box only a number that starts a street with a suffix is a house number ("Lockbox 360172 500 Ross St").
            if (i > 0 && _label[i - 1] == LatinComponent.PoBox && !SuffixWithin(i + 1, Math.Min(right, i + 5)))
            {
                break;
            }

            if (i == 1 && _t[0].Key == "#" && numberLike && IsNumberSignHouse(0, right))
            {
                return 0;
            }

            if (!numberLike || (i > 0 && _t[i - 1].Key is "#" or "&" or "AND") || next.Key is "&" or "AND" || (i > 0 && IsRouteNumber(i)) || (t.IsDigits && t.Key.Length > 8))
            {
                continue;
            }

            // The street must follow: a word, an ordinal, a directional or a grid name (not a lone number or a ZIP).
            if (next.IsDigits && !(i + 2 < right && IsSuffix(i + 2)) && !IsFraction(next.Key))
            {
                continue;
            }

            return i;
        }

        return -1;
    }

    private bool StreetAfterUnit(int u, int right)
    {
        while (u < right && _label[u] == LatinComponent.Unit)
        {
            u++;
        }

        return u + 1 < right && _label[u] is null && _t[u].IsWord && !_t[u - 1].BreakAfter && SuffixWithin(u + 1, Math.Min(right, u + 5));
    }

    private bool IsNumberSignHouse(int i, int right) =>
        i == 0 && i + 2 < right && _t[i + 1].IsDigits && !_t[i + 1].BreakAfter && _t[i + 2].IsWord && !IsSuffix(i + 2) && SuffixWithin(i + 3, Math.Min(right, i + 6));

    // "B San Luis Street", "G-J Hathway Avenue": a lettered lot opening the address (a lone letter, or letter-hyphen-letter).
    private static bool IsLetterHouseNumber(string key) =>
        (key.Length == 1 && char.IsAsciiLetter(key[0]) && key is not ("A" or "I")) || (key.Length == 3 && char.IsAsciiLetter(key[0]) && key[1] == '-' && char.IsAsciiLetter(key[2]));

    private bool SuffixWithin(int from, int to)
    {
        for (var j = from; j < to; j++)
        {
            if (_label[j] is not null)
            {
                return false;
            }

            if (IsSuffix(j))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFraction(string key) => key.Length == 3 && char.IsAsciiDigit(key[0]) && key[1] == '/' && char.IsAsciiDigit(key[2]);

    private void LabelFromHouse(int house, int right, bool anchored)
    {
        var houseLast = house;
        if (_t[house].Key == "#")
        {
            // "# 2 Turner Rd": a number sign before the house number is part of it; the value keeps the number only.
            Add(LatinComponent.HouseNumber, house, house + 1, _t[house + 1].Key, "normalized");
            houseLast = house + 1;
        }
        else if (house + 2 < right && _label[house + 1] is null && _label[house + 2] is null && !_t[house].BreakAfter)
        {
            var k1 = _t[house + 1].Key;
            var k2 = _t[house + 2].Key;
            var letter = k1.Length == 1 && char.IsAsciiLetter(k1[0]) && !IsDirectional(house + 1) && k2.Length >= 2 && _t[house + 2].IsWord && k2 is not ("AND" or "&");
            var grid = _t[house].Key.Length >= 2 && char.IsAsciiLetter(_t[house].Key[0]) && k1.Length >= 3 && k1[0] is 'N' or 'S' or 'E' or 'W' && char.IsAsciiDigit(k1[1]);
            var range = _t[house + 1].IsDigits && _input.AsSpan(_t[house].End, _t[house + 1].Start - _t[house].End).Contains('-');
            if (IsFraction(k1) || grid || range || (letter && !IsSuffix(house + 2) && !_t[house + 1].BreakAfter && !(house + 3 == right && _state is not null)))
            {
                houseLast = house + 1;
            }
        }

        // Two numbers opening the line: "358 370 E 71st" holds a double house number; in "20713 2700 N Ave" (no name word
        // after the second number) the second number is the street's name.
        var houseFirst = house;
        if (house > 0 && _t[house].IsDigits && houseLast == house && LoneNumberBefore(house))
        {
            if (!NameWordWithin(house + 1, right))
            {
                Add(LatinComponent.HouseNumber, house - 1, house - 1, _t[house - 1].Key, null);
                LabelPrefix(0, house - 1);
                var end = house;
                while (end < right && _label[end] is null && !_cue[end])
                {
                    end++;
                }

                var city = end == right ? SplitCity(house, end, anchored) : end;
                LabelStreet(house, city - 1);
                LabelCity(city, end);
                LabelRuns(end, right, anchored);
                return;
            }

            houseFirst = house - 1;
        }

        if (_t[house].Key != "#")
        {
            Add(LatinComponent.HouseNumber, houseFirst, houseLast, CollapseSpaces(Text(houseFirst, houseLast)).ToUpperInvariant(), null);
        }

        LabelPrefix(0, houseFirst);

        // "6910 # G Mary Caroline Circle": the street starts after a unit written right after the house number.
        var s = houseLast + 1;
        while (s < right && _label[s] == LatinComponent.Unit)
        {
            s++;
        }

        var e = s;
        while (e < right && _label[e] is null && !_cue[e])
        {
            e++;
        }

        MarkBareUnit(s, e);
        if (e == right)
        {
            MarkLetterUnit(s, e);
        }

        e = s;
        while (e < right && _label[e] is null && !_cue[e])
        {
            e++;
        }

        // A second number in the street region: "One Midtown Plaza 1360 Peachtree St", "1000 Cathedral Pl 925 W Georgia St".
        for (var m = s + 1; m < e - 1; m++)
        {
            // "One Exchange Plaza, 55 Broadway": after a building name and a comma a one-word street needs no type.
            if (!_t[m].StartsWithDigit || OrdinalNumber(_t[m].Key) is not null || IsRouteNumber(m) || !(IsSuffix(m - 1) || _t[m - 1].BreakAfter || IsBuildingWord(m - 1))
                || !(_t[m + 1].IsWord || OrdinalNumber(_t[m + 1].Key) is not null) || !(SuffixWithin(m + 1, e) || (IsBuildingWord(m - 1) && _t[m - 1].BreakAfter)))
            {
                continue;
            }

            RemovePiece(houseFirst);
            var earlierIsBuilding = false;
            for (var k = house; k < m; k++)
            {
                earlierIsBuilding |= IsBuildingWord(k);
            }

            var runEnd = m + 1;
            while (runEnd < e && !IsSuffix(runEnd))
            {
                runEnd++;
            }

            // Two street lines: the same street written twice stays two streets; otherwise the first numbered line is the
            // building ("1000 Cathedral Pl 925 W Georgia St") unless the second one ends in a place word ("400 Colony Square").
            var laterIsPlace = runEnd < e && (IsBuildingWord(runEnd) || _t[runEnd].Key is "PLACE" or "PL");
            if (earlierIsBuilding || (!laterIsPlace && !SameStreet(house, m, runEnd)))
            {
                AddNumberedBuilding(houseFirst, houseLast, m - 1);
                LabelFromHouse(m, right, anchored);
                return;
            }

            Add(LatinComponent.HouseNumber, houseFirst, houseLast, CollapseSpaces(Text(houseFirst, houseLast)).ToUpperInvariant(), null);
            if (!laterIsPlace)
            {
                LabelStreet(s, m - 1);
                LabelFromHouse(m, right, anchored);
                return;
            }

            LabelStreet(s, m - 1);
            AddRun(LatinComponent.Building, m, Math.Min(runEnd, e - 1));
            s = Math.Min(runEnd, e - 1) + 1;
            if (s >= e)
            {
                LabelRuns(e, right, anchored);
                return;
            }

            break;
        }

        // "1700 Wells Fargo Tower", "480 World Trade Center": a numbered building name and nothing else ("Center" spelled out;
        // the USPS street type "Ctr" keeps "3 Polly Drummond Ctr" a street).
        // "2 Galleria Tower 13455", "1 Johnson & Johnson Plaza Tower, 4th Floor": a numbered line ending in Tower or Building,
        // with no street type, names a building wherever it stands.
        // "One James Center, Suite 902", "30 Allen Plaza, Suite 700, 30 Ivan Allen Jr. Blvd.": a place line opened by a number
        // word, or followed (after its units) by another numbered street, is a building too.
        var lineStart = house == 0 || _t[house - 1].BreakAfter || _label[house - 1] is not null;
        var placeLine = e > s && IsBuildingWord(e - 1) && _t[e - 1].Key is not ("PARK" or "COVE" or "VILLAGE" or "FIELD") && lineStart && (e == right || _label[e] is not null)
            && !HasThoroughfare(s, e - 1) && (LatinVocabulary.NumberWords.Contains(_t[house].Key) || NumberedStreetAfterUnits(e, right));
        var towerLine = _t[e - 1].Key is "TOWER" or "TOWERS" or "BLDG" or "BUILDING" && lineStart
            && (e == right || _label[e] is not null) && !HasThoroughfare(s, e - 1);
        towerLine |= placeLine;
        if (e > s && (towerLine || (e == right && !anchored && house == 0 && e - s >= 2 && _t[e - 1].Key is "CENTER" or "CENTRE")))
        {
            RemovePiece(houseFirst);
            AddRun(LatinComponent.Building, houseFirst, e - 1);
            LabelRuns(e, right, anchored);
            return;
        }

        // "100 One Jackson Place": a number before a building name opened by a number word is the unit in that building.
        if (e - s >= 2 && lineStart && LatinVocabulary.NumberWords.Contains(_t[s].Key) && _t[house].IsDigits && houseFirst == house && houseLast == house
            && (e == right || _label[e] is not null) && (IsBuildingWord(e - 1) || _t[e - 1].Key == "PLACE") && !HasThoroughfare(s + 1, e - 1))
        {
            RemovePiece(houseFirst);
            Add(LatinComponent.Unit, house, house, "# " + _t[house].Key, "normalized");
            AddRun(LatinComponent.Building, s, e - 1);
            LabelRuns(e, right, anchored);
            return;
        }

        if (e == right)
        {
            var b = SplitCity(s, e, anchored);

            // "3M Center Bldg St. Paul MN": a numbered line ending in Building (no street type) before the city of the state.
            if (anchored && lineStart && b < e && b - s >= 2 && _t[b - 1].Key is "TOWER" or "TOWERS" or "BLDG" or "BUILDING" && !HasThoroughfare(s, b - 1))
            {
                RemovePiece(houseFirst);
                AddRun(LatinComponent.Building, houseFirst, b - 1);
                LabelCity(b, e);
                return;
            }

            LabelStreetAndBuilding(s, b - 1);
            LabelCity(b, e);
            return;
        }

        LabelStreetAndBuilding(s, e - 1);
        LabelRuns(e, right, anchored);
    }

    // "203 A Duncan Square": a number and a letter opening a building line name the unit inside it.
    private void AddNumberedBuilding(int first, int houseLast, int last)
    {
        var letter = houseLast == first + 1 && _t[houseLast].Key.Length == 1 && char.IsAsciiLetter(_t[houseLast].Key[0]) && _t[first].IsDigits;
        if (letter && houseLast < last && _t[houseLast + 1].IsWord)
        {
            Add(LatinComponent.Unit, first, houseLast, "# " + _t[first].Key + _t[houseLast].Key, "normalized");
            AddRun(LatinComponent.Building, houseLast + 1, last);
            return;
        }

        AddRun(LatinComponent.Building, first, last);
    }

    private bool LoneNumberBefore(int house)
    {
        var p = house - 1;
        return _label[p] is null && !_cue[p] && _t[p].IsDigits && _t[p].Key.Length <= 8 && !_t[p].BreakAfter && (p == 0 || _t[p - 1].BreakAfter || _label[p - 1] is not null);
    }

    // A street name word: a word that is no directional and no street type, before the next labelled token.
    private bool NameWordWithin(int from, int right)
    {
        for (var i = from; i < right && _label[i] is null; i++)
        {
            if (!_t[i].IsWord || (!IsDirectional(i) && !IsSuffix(i)))
            {
                return true;
            }
        }

        return false;
    }

    // "645 Harrison St 645 Harrison Street": both lines name the same number and street (types compared in USPS form).
    private bool SameStreet(int house, int m, int runEnd)
    {
        if (runEnd - m != m - 1 - house || _t[house].Key != _t[m].Key)
        {
            return false;
        }

        for (var k = 1; k < m - house; k++)
        {
            var a = _t[house + k].Key;
            var b = _t[m + k].Key;
            if (a != b && !(_places.Suffixes.TryGetValue(a, out var x) && _places.Suffixes.TryGetValue(b, out var y) && x == y))
            {
                return false;
            }
        }

        return true;
    }

    // "Street North 1001 St Petersburg FL": the words after the number are the city of the state, not another street.
    private bool CityStartsBeforeSuffix(int from, int e)
    {
        for (var b = from; b < e; b++)
        {
            if (IsKnownCity(b, e) && _state is not null)
            {
                return true;
            }

            // "Exchange Plaza, 55 Broadway, New York": a comma closes the words after the number before the city.
            if (_t[b].BreakAfter)
            {
                return false;
            }

            if (IsSuffix(b) && b > from)
            {
                return false;
            }
        }

        return false;
    }

    private bool AllWords(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (!_t[i].IsWord)
            {
                return false;
            }
        }

        return true;
    }

    private void RemovePiece(int first)
    {
        for (var p = _pieces.Count - 1; p >= 0; p--)
        {
            if (_pieces[p].First == first)
            {
                for (var k = _pieces[p].First; k <= _pieces[p].Last; k++)
                {
                    _label[k] = null;
                }

                _pieces.RemoveAt(p);
                return;
            }
        }
    }

    private bool IsBuildingWord(int i) => LatinVocabulary.BuildingWords.Contains(_t[i].Key);

    // A number after the street name with no designator ("N. Wabash 608", "W. Monroe, 12C, Chicago", "Park Ave. W 4 N").
    private void MarkBareUnit(int s, int e)
    {
        var words = 0;
        for (var k = s; k < e; k++)
        {
            // "10th Ave SW A Mount Vernon IA": a lone letter between the street and the city of the state.
            var letterBeforeCity = _t[k].Key.Length == 1 && char.IsAsciiLetter(_t[k].Key[0]) && !IsDirectional(k) && _state is not null && k > s + 1 && !IsRouteNumber(k)
                && (IsSuffix(k - 1) || (IsDirectional(k - 1) && IsSuffix(k - 2))) && IsKnownCity(k + 1, e);
            if (letterBeforeCity)
            {
                Add(LatinComponent.Unit, k, k, "# " + _t[k].Key, "normalized");
                return;
            }

            if (_t[k].IsWord && !IsDirectional(k))
            {
                words++;
                continue;
            }

            if (!_t[k].HasDigit || words == 0 || IsRouteNumber(k) || _t[k].Key.Contains('/', StringComparison.Ordinal) || _t[k - 1].Key is "&" or "AND")
            {
                if (_t[k].HasDigit)
                {
                    words = 0;
                }

                continue;
            }

            // The identifier ends the street: it is last, or sits between commas, or only a letter/directional follows;
            // "Fredrick Street 1-5 344 Moreno Valley": a second plain number right after it belongs to it.
            var last = k;
            if (k + 1 < e && !_t[k].BreakAfter && _t[k + 1].IsDigits && _t[k].Key.Contains('-', StringComparison.Ordinal) && _state is not null && AllWords(k + 2, e))
            {
                last = k + 1;
            }

            if (k + 1 < e && !_t[k].BreakAfter && (IsDirectional(k + 1) || (_t[k + 1].Key.Length == 1 && char.IsAsciiLetter(_t[k + 1].Key[0]))) && (k + 2 == e || _t[k + 1].BreakAfter))
            {
                last = k + 1;
            }

            // A number that starts another street ("Midtown Plaza 1360 Peachtree St", "Exchange Plaza, 55 Broadway,") is not a unit.
            var afterSuffix = IsSuffix(k - 1) || (k - 2 >= s && IsDirectional(k - 1) && IsSuffix(k - 2));
            var startsStreet = last == k && k + 1 < e && _t[k + 1].IsWord && !_t[k].BreakAfter && (SuffixWithin(k + 1, e) || (IsBuildingWord(k - 1) && _t[k - 1].BreakAfter))
                && !CityStartsBeforeSuffix(k + 1, e);
            if (startsStreet)
            {
                continue;
            }

            // "Randolph 1 N Oak Park IL": a number (and a directional letter) right before the city of the state.
            if (last == k && k + 2 < e && _state is not null && IsDirectional(k + 1) && _t[k + 1].Key.Length == 1 && IsKnownCity(k + 2, e))
            {
                last = k + 1;
            }

            if (last == e - 1 || _t[last].BreakAfter || _t[k - 1].BreakAfter || (_state is not null && IsKnownCity(last + 1, e)) || (afterSuffix && _state is not null && AllWords(last + 1, e)))
            {
                // "15th Street, AF 1025", "Nicollet Mall TPN 13A": a short code word after the street names the unit.
                var first = k;
                if (k - 2 >= s && _t[k - 1].IsWord && _t[k - 1].Key.Length is 2 or 3 && !_t[k - 1].BreakAfter && !IsSuffix(k - 1) && !IsDirectional(k - 1)
                    && (IsSuffix(k - 2) || _t[k - 2].BreakAfter) && !_places.States.ContainsKey(_t[k - 1].Key))
                {
                    first = k - 1;
                }

                var id = CollapseSpaces(Text(k, last)).ToUpperInvariant();
                Add(LatinComponent.Unit, first, last, first < k ? _t[first].Key + " " + id : "# " + id, "normalized");
                return;
            }
        }
    }

    // "Webster Avenue LH", "Summit Court B": one or two letters after the street suffix at the very end.
    private void MarkLetterUnit(int s, int e)
    {
        var k = e - 1;
        if (k - 1 > s && _state is null && !_hasPostcode && _t[k].Key.Length <= 2 && _t[k].Key.All(char.IsAsciiLetter) && !IsDirectional(k)
            && (IsSuffix(k - 1) || (IsDirectional(k - 1) && IsSuffix(k - 2))) && !IsSuffix(k) && HasStreetCore(s, IsSuffix(k - 1) ? k - 1 : k - 2))
        {
            Add(LatinComponent.Unit, k, k, "# " + _t[k].Key, "normalized");
        }
    }

    // Runs of unlabelled tokens after the street: the one that reaches the state is the city; cue runs are recipients.
    private void LabelRuns(int from, int right, bool anchored)
    {
        var i = from;
        while (i < right)
        {
            if (_label[i] is not null && !_cue[i])
            {
                i++;
                continue;
            }

            var j = i + 1;
            while (j < right && _label[j] is null && !_cue[j])
            {
                j++;
            }

            if (_cue[i])
            {
                var b = j == right ? SplitCity(i + 1, j, anchored, allowHeuristic: false) : j;
                AddRun(LatinComponent.Recipient, i, b - 1);
                LabelCity(b, j);
            }
            else if (_t[i].StartsWithDigit && j - i >= 2 && SuffixWithin(i + 1, j) && OrdinalNumber(_t[i].Key) is null)
            {
                LabelFromHouse(i, j == right ? right : j, anchored && j == right);
            }
            else if (j == right && (anchored || IsKnownCity(i, j)))
            {
                // "Unit 17771 CA Long Beach 90807": a state code written before the city.
                if (_state is null && _hasPostcode && j - i >= 2 && _t[i].Key.Length == 2 && _places.States.TryGetValue(_t[i].Key, out var early))
                {
                    _state = early;
                    _region = early.Code;
                    _countryCode ??= "US";
                    Add(LatinComponent.Region, i, i, early.Code, "normalized");
                    i++;
                }

                var b = anchored ? SplitCityNoHouse(i, j) : i;
                if (b > i)
                {
                    AddRun(Classify(i, b - 1, LatinComponent.Building), i, b - 1);
                }

                LabelCity(b, j);
            }
            else
            {
                AddRun(Classify(i, j - 1), i, j - 1);
            }

            i = j;
        }
    }

    private void LabelPrefix(int from, int to)
    {
        var i = from;
        while (i < to)
        {
            if (_label[i] is not null && !_cue[i])
            {
                i++;
                continue;
            }

            var j = i + 1;
            while (j < to && _label[j] is null)
            {
                j++;
            }

            // "Portofino N 507 2600 N Flagler Dr": a name, then an apartment number (three digits or more, or after a letter).
            var id = j - 1;
            var hasLetter = id - 1 > i && _t[id - 1].Key.Length == 1 && char.IsAsciiLetter(_t[id - 1].Key[0]);
            if (id > i && _t[id].IsDigits && !_cue[i] && (_t[id].Key.Length >= 3 || hasLetter) && _t[id].Key.Length <= 5 && _t[i].IsWord && AllWords(i, id) && !_t[id - 1].BreakAfter)
            {
                var unitFirst = hasLetter ? id - 1 : id;
                // The apartment sits in the named place, so the name is a building unless it reads as a person or company.
                AddRun(Classify(i, unitFirst - 1, LatinComponent.Building), i, unitFirst - 1);
                Add(LatinComponent.Unit, unitFirst, id, "# " + (hasLetter ? _t[unitFirst].Key + " " : string.Empty) + _t[id].Key, "normalized");
                i = j;
                continue;
            }

            AddRun(Classify(i, j - 1), i, j - 1);
            i = j;
        }
    }

    private LatinComponent Classify(int first, int last, LatinComponent fallback = LatinComponent.Recipient)
    {
        if (!_cue[first] && (LatinVocabulary.BuildingWords.Contains(_t[last].Key) || _t[first].Key == "THE"))
        {
            return LatinComponent.Building;
        }

        var building = false;
        for (var i = first; i <= last; i++)
        {
            var key = _t[i].Key.TrimEnd(':');
            if (_cue[i] || LatinVocabulary.OrganizationWords.Contains(key))
            {
                return LatinComponent.Recipient;
            }

            building |= LatinVocabulary.BuildingWords.Contains(key);
        }

        if (!building && IsPersonName(first, last))
        {
            return LatinComponent.Recipient;
        }

        // "SCB 223": a short vowel-less code word and a number name a unit (a room code), not a building.
        if (last == first + 1 && _t[last].HasDigit && IsCodeWord(first))
        {
            return LatinComponent.Unit;
        }

        // "Overlook 1", "Parkside 2": a name followed by a number is a numbered building, not a person or company.
        if (last > first && _t[last].IsDigits && _t[last].Key.Length <= 3 && _t[first].IsWord && AllWords(first, last))
        {
            return LatinComponent.Building;
        }

        return building || _t[first].StartsWithDigit ? LatinComponent.Building : fallback;
    }

    private static readonly SearchValues<char> s_vowels = SearchValues.Create("AEIOUY");

    private bool IsCodeWord(int i)
    {
        var key = _t[i].Key;
        return _t[i].IsWord && key.Length is >= 2 and <= 4 && key.AsSpan().IndexOfAny(s_vowels) < 0 && !IsDirectional(i) && !IsSuffix(i);
    }

    // "H E Brown", "Joseph S. Lunsford": two to four words with an initial before the last word.
    private bool IsPersonName(int first, int last)
    {
        if (last - first is < 1 or > 3)
        {
            return false;
        }

        var initial = false;
        for (var i = first; i <= last; i++)
        {
            if (!_t[i].IsWord)
            {
                return false;
            }

            initial |= i < last && _t[i].Key.Length == 1;
        }

        return initial && _t[last].Key.Length > 1 && !IsSuffix(last);
    }

    private void LabelWithoutHouse(int right, bool anchored)
    {
        // Segments of unlabelled tokens split at labelled ones and at commas.
        var lastRunStart = -1;
        var lastRunEnd = -1;
        for (var i = 0; i < right; i++)
        {
            if (_label[i] is null)
            {
                var j = i + 1;
                while (j < right && _label[j] is null)
                {
                    j++;
                }

                lastRunStart = i;
                lastRunEnd = j;
                i = j;
            }
        }

        if (lastRunStart < 0)
        {
            return;
        }

        var boxSeen = false;
        for (var i = 0; i < lastRunStart; i++)
        {
            boxSeen |= _label[i] == LatinComponent.PoBox;
        }

        // Everything before the last run: street-like segments, recipients and buildings.
        LabelSegments(0, lastRunStart);
        if (lastRunEnd == right && (anchored || boxSeen))
        {
            var b = _cue[lastRunStart] ? SplitCity(lastRunStart + 1, lastRunEnd, anchored, allowHeuristic: false) : SplitCityNoHouse(lastRunStart, lastRunEnd);
            LabelSegments(lastRunStart, b);
            LabelCity(b, lastRunEnd);
        }
        else
        {
            LabelSegments(lastRunStart, lastRunEnd);
        }
    }

    private int SplitCityNoHouse(int s, int e)
    {
        for (var k = e - 2; k >= s; k--)
        {
            if (_t[k].BreakAfter)
            {
                return k + 1;
            }
        }

        // Without a state the all-US list is too loose to cut a run short ("Ocean Isle Beach" is not "Beach").
        for (var b = _state is null ? e : Math.Max(s, e - _places.MaxCityWords); b < e; b++)
        {
            // The part left before the city must be more than a lone directional or letter ("north miami beach").
            if (IsKnownCity(b, e) && (b == s || b - s >= 2 || _t[s].Key.Length > 2 && !IsDirectional(s)))
            {
                return b;
            }
        }

        return s;
    }

    private void LabelSegments(int from, int to)
    {
        var i = from;
        while (i < to)
        {
            if (_label[i] is not null)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < to && _label[j] is null && (j == i || !_t[j - 1].BreakAfter || _cue[i]))
            {
                j++;
            }

            var last = j - 1;
            // "Corner of First and Albemarle", "Jct 4 & 13", "Crsrds Highway 139 A": the opening word is not part of the street.
            if (LatinVocabulary.JunctionWords.Contains(_t[i].Key) && i < last && !_cue[i])
            {
                i += i + 1 < last && _t[i + 1].Key == "OF" ? 2 : 1;
            }

            var end = IsDirectional(last) && last > i ? last - 1 : last;
            // "Okemo Market Place": a market place without a house number is a shopping centre, not a street.
            var market = end > i && _t[end].Key is "PLACE" or "PL" && _t[end - 1].Key == "MARKET";
            var streetEnd = (end > i && IsThoroughfare(end) && !market) || IsRouteNumber(end) || (i < last && IsRouteNumber(i + 1) && LatinVocabulary.RouteTypes.Contains(_t[i].Key)) || IsLetteredRoute(i, last);
            // A lone word is a street only when it is no organization word ("PAC", "Inc.").
            var loneStreet = i == last && _t[i].IsWord && _state is not null && !LatinVocabulary.OrganizationWords.Contains(_t[i].Key);
            if (!_cue[i] && (streetEnd || IsIntersection(i, last) || loneStreet))
            {
                LabelStreet(i, last);
            }
            else
            {
                // "Chaman Puri, Puri Brothers, Inc.": a plain name segment before an organization segment belongs to it.
                var kind = Classify(i, last, LatinComponent.Building);
                if (kind == LatinComponent.Building && !HasBuildingWord(i, last) && !_t[i].StartsWithDigit && NextSegmentIsRecipient(j, to))
                {
                    kind = LatinComponent.Recipient;
                }

                AddRun(kind, i, last);
            }

            i = j;
        }
    }

    // "County Road UV", "State Route AA": a route named by one or two letters.
    private bool IsLetteredRoute(int first, int last)
    {
        var key = _t[last].Key;
        return last > first && key.Length <= 2 && _t[last].IsWord && !IsDirectional(last) && !_t[last - 1].BreakAfter
            && _t[last - 1].Key is "ROAD" or "RD" or "ROUTE" or "RTE" or "RT" or "HIGHWAY" or "HWY"
            && (last - 1 == first || _t[last - 2].Key is "COUNTY" or "STATE" or "CO" or "FARM" or "US");
    }

    private bool HasBuildingWord(int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            if (IsBuildingWord(i))
            {
                return true;
            }
        }

        return false;
    }

    private bool NextSegmentIsRecipient(int from, int to)
    {
        if (from >= to || _label[from] is not null || !_t[from - 1].BreakAfter)
        {
            return false;
        }

        var j = from + 1;
        while (j < to && _label[j] is null && !_t[j - 1].BreakAfter)
        {
            j++;
        }

        return Classify(from, j - 1, LatinComponent.Building) == LatinComponent.Recipient || NextSegmentIsRecipient(j, to);
    }

    private bool NumberedStreetAfterUnits(int from, int right)
    {
        var j = from;
        while (j < right && _label[j] == LatinComponent.Unit)
        {
            j++;
        }

        return j > from && j + 1 < right && _label[j] is null && _t[j].StartsWithDigit && OrdinalNumber(_t[j].Key) is null && SuffixWithin(j + 1, right);
    }

    private bool HasThoroughfare(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (IsThoroughfare(i) || IsRouteNumber(i))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasHouseNumber()
    {
        foreach (var piece in _pieces)
        {
            if (piece.Component == LatinComponent.HouseNumber)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsThoroughfare(int i) => _places.Suffixes.TryGetValue(_t[i].Key, out var abbreviation) && s_thoroughfares.Contains(abbreviation);

    private static readonly HashSet<string> s_thoroughfares = new(StringComparer.Ordinal)
    {
        "ST", "AVE", "RD", "DR", "BLVD", "LN", "WAY", "HWY", "PKWY", "CT", "PL", "CIR", "TER", "TRL", "LOOP", "PIKE", "EXPY", "FWY",
        "RTE", "ROW", "RUN", "PATH", "ALY", "XING", "TPKE", "CSWY", "BYP", "CRES", "TRCE", "WALK", "HL", "CV",
    };

    private bool IsIntersection(int first, int last)
    {
        for (var x = first + 1; x < last; x++)
        {
            if (_t[x].Key is "&" or "AND" or "AT" && (StreetLike(x - 1) || StreetLike(last)))
            {
                return true;
            }
        }

        return false;
    }

    private bool StreetLike(int i) => IsSuffix(i) || IsRouteNumber(i) || _t[i].IsDigits || OrdinalNumber(_t[i].Key) is not null;

    private bool IsKnownCity(int from, int to)
    {
        if (to - from <= 0 || to - from > _places.MaxCityWords)
        {
            return false;
        }

        var key = CityPhrase(from, to);
        return _state is not null && _places.CitiesByState.TryGetValue(_state.Code, out var cities)
            ? cities.ContainsKey(key)
            : _countryCode is null or "US" && _places.AllCities.ContainsKey(key);
    }

    private string? CityName(int from, int to)
    {
        var key = CityPhrase(from, to);
        if (_state is not null && _places.CitiesByState.TryGetValue(_state.Code, out var cities))
        {
            return cities.GetValueOrDefault(key);
        }

        return _countryCode is null or "US" ? _places.AllCities.GetValueOrDefault(key) : null;
    }

    private string CityWord(int i)
    {
        _cityWords ??= new string[_t.Count];
        return _cityWords[i] ??= UsPlaces.ExpandCityWord(_t[i].Key.Replace('-', ' '));
    }

    private string CityPhrase(int from, int to)
    {
        if (to - from == 1)
        {
            return CityWord(from);
        }

        var sb = new StringBuilder(24);
        for (var i = from; i < to; i++)
        {
            if (i > from)
            {
                sb.Append(' ');
            }

            sb.Append(CityWord(i));
        }

        return sb.ToString();
    }

    /// <summary>Returns where the city starts in the unlabelled range [s, e): <paramref name="e"/> when there is no city.</summary>
    private int SplitCity(int s, int e, bool anchored, bool allowHeuristic = true)
    {
        if (e - s <= 1 && allowHeuristic)
        {
            return e;
        }

        // 1. A comma: the city is the last comma segment (a lone directional after a comma still belongs to the street).
        for (var k = e - 2; k >= s; k--)
        {
            if (_t[k].BreakAfter)
            {
                if (e - k - 1 == 1 && IsDirectional(k + 1))
                {
                    continue;
                }

                if (anchored || IsKnownCity(k + 1, e) || !HasStreetWord(k + 1, e))
                {
                    // "Bolton Road, NW Atlanta": the directional after the comma still ends the street.
                    var b0 = k + 1;
                    if (b0 + 1 < e && IsDirectional(b0) && _t[b0].Key.Length == 2 && (IsSuffix(k) || IsRouteNumber(k)))
                    {
                        b0++;
                    }

                    return b0;
                }

                break;
            }
        }

        // 2. The longest known city of the state that ends at e and leaves a street before it.
        for (var b = Math.Max(s + 1, e - _places.MaxCityWords); b < e; b++)
        {
            if (!HasStreetCore(s, b) || !IsKnownCity(b, e) || (_t[b].Key.Length == 1 && IsDirectional(b) && IsDirectional(b - 1) && _t[b - 1].Key.Length == 1) || (e - b == 1 && IsDirectional(b)))
            {
                continue;
            }

            if (anchored || (HasStreetWord(s, b) && (!IsSuffix(e - 1) || e - b >= 2)) || _places.BigCities.Contains(CityPhrase(b, e)))
            {
                return b;
            }
        }

        if (!anchored || !allowHeuristic)
        {
            return e;
        }

        // 3. After the street suffix chain (or a route number) and an abbreviated post-directional.
        var i = s;
        if (IsDirectional(i) && e - s >= 3)
        {
            i++;
        }

        // The first suffix (or route number) after a name word; a chain of suffixes stays together.
        var marker = -1;
        var limit = e;
        for (var j = i; j < limit; j++)
        {
            if (IsRouteNumber(j) || (j > i && IsSuffix(j)))
            {
                marker = j;
                break;
            }
        }

        if (marker < 0)
        {
            marker = i;
        }
        else
        {
            while (marker + 1 < e && IsSuffix(marker + 1) && (marker + 2 < e || _state is null || _t[marker + 1].BreakAfter))
            {
                marker++;
            }

            if (marker + 2 < e && _t[marker + 1].IsDigits && LatinVocabulary.RouteTypes.Contains(_t[marker].Key))
            {
                marker++;
            }
        }

        // "Otter Creek South Rd Mabelvale": a directional between two street types is inside the name.
        if (marker + 3 < e && IsDirectional(marker + 1) && IsThoroughfare(marker + 2) && !_t[marker].BreakAfter && !_t[marker + 1].BreakAfter)
        {
            marker += 2;
        }

        if (marker + 1 < e && IsDirectional(marker + 1) && (_t[marker + 1].Key.Length <= 2 || marker + 2 == e || _t[marker + 1].BreakAfter))
        {
            marker++;
            if (marker + 1 < e && _t[marker].Key.Length == 1 && _t[marker + 1].Key.Length == 1 && IsDirectional(marker + 1) && _t[marker].Key is "N" or "S")
            {
                marker++;
            }
        }

        // "Rt 60 East Ona West Industrial Park Ona": a commerce place name ("Industrial Park", "Business Center") after the
        // street ends before the (unknown) city.
        var place = PlacePhraseEnd(marker + 1, e);
        return place >= 0 && place + 1 < e ? place + 1 : marker + 1;
    }

    // Returns the index of the last word of "<commerce word> <place word>" (Industrial Park, Shopping Center) in [from, to), or -1.
    private int PlacePhraseEnd(int from, int to)
    {
        for (var p = to - 1; p > from; p--)
        {
            if (!_t[p].IsWord || _t[p - 1].BreakAfter)
            {
                return -1;
            }

            if ((IsBuildingWord(p) || _t[p].Key == "PARK") && LatinVocabulary.CommerceWords.Contains(_t[p - 1].Key))
            {
                return p;
            }
        }

        return -1;
    }

    private bool IsRouteNumber(int j)
    {
        if (j == 0 || !(_t[j].HasDigit || _t[j].Key.Length == 1) || _t[j - 1].BreakAfter)
        {
            return false;
        }

        var previous = _t[j - 1].Key;
        if (previous is "NO" or "#" && j >= 2)
        {
            previous = _t[j - 2].Key;
        }

        return previous is not ("AVENUE" or "AVE" or "LANE" or "LN") && LatinVocabulary.RouteTypes.Contains(previous);
    }

    private bool HasStreetCore(int s, int b)
    {
        for (var i = s; i < b; i++)
        {
            if (!IsDirectional(i))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasStreetWord(int s, int b)
    {
        for (var i = s; i < b; i++)
        {
            if ((i > s && IsSuffix(i)) || IsRouteNumber(i))
            {
                return true;
            }
        }

        return false;
    }

    private void LabelCity(int from, int to)
    {
        if (to <= from)
        {
            return;
        }

        var known = CityName(from, to);
        var text = Text(from, to - 1);
        var value = known ?? TitleCase(CollapseSpaces(text).TrimEnd('.'));
        Add(LatinComponent.City, from, to - 1, value, "normalized");
    }

    // "Frederick Rd The Reed", "SE Lambert St Steeple Townhomes": words after the last thoroughfare type (and its
    // post-directional) that hold no street word at all name a building.
    private void LabelStreetAndBuilding(int first, int last)
    {
        if (ClosedStreetEnd(first, last) is var closed and >= 0)
        {
            LabelStreet(first, closed);
            AddRun(Classify(closed + 1, last, LatinComponent.Building), closed + 1, last);
            return;
        }

        // A place word that is also a street type ("Middleton Cove") ends the name after an earlier street type, not the street.
        var end = -1;
        for (var k = first + 1; k <= last; k++)
        {
            if (((IsThoroughfare(k) && HasStreetCore(first, k)) || IsRouteNumber(k)) && !(k == last && IsBuildingWord(k) && end >= 0 && k - end >= 2))
            {
                end = k;
            }
        }

        if (end < 0 || last - end < 2)
        {
            LabelStreet(first, last);
            return;
        }

        if (IsDirectional(end + 1) && _t[end + 1].Key.Length <= 2)
        {
            end++;
        }

        // A comma after the street lets the building name hold street words ("Peachtree Rd., NE, Tower Place", "1 Piedmont Ctr.").
        var comma = _t[end].BreakAfter || (end > first && _t[end - 1].BreakAfter && IsDirectional(end));
        if (last - end < (comma ? 1 : 2))
        {
            LabelStreet(first, last);
            return;
        }

        for (var k = end + 1; k <= last; k++)
        {
            // Without a comma the tail holds plain words; a street type may only end it as a place word ("Lynnewood Gardens").
            var placeEnd = k == last && IsBuildingWord(k) && k > end + 1;
            if (comma ? _t[k].Key is "&" or "AND" or "AT" || (k == end + 1 && IsDirectional(k)) : !_t[k].IsWord || (IsSuffix(k) && !placeEnd) || IsDirectional(k) || _t[k].Key is "&" or "AND" or "AT")
            {
                LabelStreet(first, last);
                return;
            }
        }

        LabelStreet(first, end);
        if (end < last)
        {
            AddRun(Classify(end + 1, last, LatinComponent.Building), end + 1, last);
        }
    }

    // "Peachtree Rd., N.E. Tower Place", "Martin Luther King Jr Ave SE Maple View Flats", "N. Mesa, Coventry Park West": a
    // street is closed by a post-directional or a comma after its type; words after it (no intersection) name a building.
    // Returns the last street token, or -1 when the street is not closed before the end of the range.
    private int ClosedStreetEnd(int first, int last)
    {
        for (var k = first + 1; k < last; k++)
        {
            var typed = (IsThoroughfare(k) && HasStreetCore(first, k)) || (IsRouteNumber(k) && !_t[k - 1].BreakAfter);
            var bare = !typed && k == first + 1 && IsDirectional(first) && _t[k].IsWord && _t[k].BreakAfter;
            if (!typed && !bare)
            {
                continue;
            }

            // "No." after "Highway" is a number sign, not a post-directional.
            var end = k;
            if (typed && IsDirectional(k + 1) && _t[k + 1].Key.Length <= 2 && _t[k + 1].Key is not ("NO" or "SO"))
            {
                end = k + 1;
            }

            // "Rt 60 East Ona West Industrial Park": a spelled-out directional after a route number, before a place name.
            if (end == k && IsRouteNumber(k) && k + 2 <= last && IsDirectional(k + 1) && _t[k + 1].Key.Length > 2 && !_t[k].BreakAfter && PlacePhraseEnd(k + 2, last + 1) == last)
            {
                end = k + 1;
            }

            if ((end == k && !_t[k].BreakAfter) || end >= last || _t[end + 1].Key is "AND" or "&" or "AT" || (IsSuffix(end + 1) && end + 1 == last) || IsDirectional(end + 1))
            {
                continue;
            }

            // The tail needs a real name: two tokens or a place word ("Tower Place", "Mizzou North"), not a lone letter ("Ave SW A").
            var words = 0;
            var place = false;
            for (var x = end + 1; x <= last; x++)
            {
                if (_t[x].Key is "&" or "AND" or "AT")
                {
                    return -1;
                }

                words += _t[x].IsWord && _t[x].Key.Length > 1 ? 1 : 0;
                place |= IsBuildingWord(x);
            }

            // "I 49 S Service Rd": a tail that ends in a street type after a bare post-directional is still the street.
            if (!place && IsThoroughfare(last) && !_t[k].BreakAfter && !_t[end].BreakAfter)
            {
                continue;
            }

            if (words > 0 && (place || (!bare && last - end >= 2)))
            {
                return end;
            }
        }

        return -1;
    }

    private void LabelStreet(int first, int last)
    {
        if (last < first)
        {
            return;
        }

        // An intersection: without a house number "&" or "and" separate two streets ("Elm and 12th", "I-80 & Frontage Road");
        // after a house number only a street word before them does ("US Highway 18 and 15"), so names keep them ("Wind and Fire Dr").
        // "at" needs a street word before it and no name opened by "The" ("The Circle at North Hills St").
        var house = HasHouseNumber();
        for (var x = first + 1; x < last; x++)
        {
            if ((_t[x].Key is "&" or "AND" && (!house || StreetLike(x - 1))) || (_t[x].Key == "AT" && StreetLike(x - 1) && _t[first].Key != "THE"))
            {
                LabelStreet(first, x - 1);
                LabelStreet(x + 1, last);
                return;
            }
        }

        // Roles: pre-directional, name words, suffix, post-directional.
        var nameStart = first;
        var nameEnd = last;
        string? pre = null;
        string? post = null;
        string? suffix = null;
        if (last > first && IsDirectional(first) && !(last == first + 1 && IsSuffix(last)))
        {
            pre = LatinVocabulary.Directionals[_t[first].Key];
            nameStart++;
        }

        if (nameEnd > nameStart && IsDirectional(nameEnd) && !(nameEnd - 1 == nameStart && LatinVocabulary.RouteTypes.Contains(_t[nameStart].Key)))
        {
            post = LatinVocabulary.Directionals[_t[nameEnd].Key];
            nameEnd--;
        }

        if (nameEnd > nameStart && IsSuffix(nameEnd))
        {
            suffix = _places.Suffixes[_t[nameEnd].Key];
            nameEnd--;
        }

        var sb = new StringBuilder(32);
        var abbreviated = false;
        if (pre is not null)
        {
            sb.Append(pre);
            abbreviated |= _t[first].Key.Length > 2;
        }

        for (var i = nameStart; i <= nameEnd; i++)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(TitleCase(_input[_t[i].Start.._t[i].End]));
        }

        if (suffix is not null)
        {
            sb.Append(' ').Append(TitleCase(suffix));
            abbreviated |= _t[nameEnd + 1].Key != suffix;
        }

        if (post is not null)
        {
            sb.Append(' ').Append(post);
            abbreviated |= _t[last].Key.Length > 2;
        }

        Add(LatinComponent.Street, first, last, sb.ToString(), abbreviated ? "abbreviated" : "normalized");
    }

    /// <summary>Title-cases a word typed all upper or all lower case; mixed case (McDonald) is kept.</summary>
    internal static string TitleCase(string text)
    {
        var hasUpper = false;
        var hasLower = false;
        foreach (var c in text)
        {
            hasUpper |= char.IsUpper(c);
            hasLower |= char.IsLower(c);
        }

        if (hasUpper && hasLower && !(text.Length > 1 && char.IsDigit(text[0])))
        {
            return text;
        }

        var chars = text.ToCharArray();
        var previous = ' ';
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            chars[i] = char.IsLetterOrDigit(previous) || previous == '\'' ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
            previous = c;
        }

        return new string(chars);
    }
}
