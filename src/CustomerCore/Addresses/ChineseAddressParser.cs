namespace CustomerCore.Addresses;

/// <summary>Parses mainland Chinese addresses against the embedded gazetteer: divisions (with aliases, old names and
/// fuzzy correction), completion of missing levels, towns, and road/number/building/unit/floor/room patterns.</summary>
/// <remarks>Divisions are found with a character trie (one hash lookup per character), so a parse costs O(length × name depth);
/// no regular expressions and no LINQ. Stateless and thread-safe.</remarks>
internal static class ChineseAddressParser
{
    private const string AliasStopFollowers = "路街道巷弄桥号大广花园山门村镇乡店厦楼院站场校馆中心公司银行医湾";
    private const string ChainStopFollowers = "路街道巷弄桥号";
    private const string FuzzySuffixes = "省市区县旗州盟";
    private const string Separators = " \t\r\n,，、;；:：/\\|-—_.。()（）[]【】\"'“”‘’";
    private const string ChineseDigits = "零〇一二三四五六七八九十百两";

    /// <summary>Parses one Chinese address; the input must be non-null (the standardizer checks length and emptiness).</summary>
    public static StandardizedAddress Parse(string input, AddressHints? hints)
    {
        var g = Gazetteer.Instance;
        var folded = input.Length <= 512 ? stackalloc char[input.Length] : new char[input.Length];
        var anyFold = CharFolding.Fold(input, folded);
        ReadOnlySpan<char> text = folded;
        var components = new List<AddressComponent>(10);
        var changes = new List<AddressChange>(4);
        var matches = new List<(int Length, List<NameEntry> Entries)>(4);
        var confidence = 1.0;

        // 1. Country prefix.
        var pos = SkipSeparators(text, 0);
        foreach (var country in (ReadOnlySpan<string>)["中华人民共和国", "中国"])
        {
            if (text[pos..].StartsWith(country, StringComparison.Ordinal))
            {
                components.Add(new AddressComponent(AddressComponentKind.Country, input.Substring(pos, country.Length), pos, "中国", "CN"));
                pos = SkipSeparators(text, pos + country.Length);
                break;
            }
        }

        // 2. The division chain: the first place where a division name starts, then contiguous names going down.
        var spans = new List<(int Start, int Length, NameKind Kind, List<int> Entries)>(3);
        List<(int Start, int Length, NameKind Kind, List<int> Entries)>? altSpans = null;
        List<int>? candidates = null;
        var chainEnd = -1;
        for (var scan = pos; scan < text.Length && candidates is null; scan++)
        {
            (candidates, chainEnd) = RunChain(g, text, scan, pos, matches, spans);
            if (candidates is null)
            {
                continue;
            }

            // A short form can swallow the start of the real chain (金城镇江苏省: 镇江 vs 江苏省): try the overlapping starts too.
            var firstLength = spans[0].Length;
            var bestCovered = chainEnd - scan;
            for (var alt = scan + 1; alt < scan + firstLength; alt++)
            {
                altSpans ??= new List<(int Start, int Length, NameKind Kind, List<int> Entries)>(3); // RunChain clears it
                var (altCandidates, altEnd) = RunChain(g, text, alt, pos, matches, altSpans);
                if (altCandidates is not null && altSpans.Count > spans.Count && altEnd - alt > bestCovered)
                {
                    (candidates, chainEnd, bestCovered) = (altCandidates, altEnd, altEnd - alt);
                    spans.Clear();
                    spans.AddRange(altSpans);
                }
            }
        }

        var detailStart = chainEnd >= 0 ? chainEnd : pos;

        // 3. Resolve the deepest candidates: hints, then towns, then the shallowest level for a bare short form.
        var ambiguous = new List<AddressCandidate>();
        int resolved = -1;
        if (candidates is not null)
        {
            candidates = Narrow(g, candidates, hints, text, SkipSeparators(text, detailStart));
            if (candidates.Count == 1)
            {
                resolved = candidates[0];
            }
            else
            {
                foreach (var c in candidates)
                {
                    ambiguous.Add(Candidate(g, c));
                }
            }
        }

        // 4. Division components: found in text (with their change) or completed from the code.
        if (candidates is not null)
        {
            EmitDivisions(g, input, spans, candidates, resolved, components, changes, ref confidence);
        }

        // 5. Town, then the detail patterns.
        var p2 = SkipSeparators(text, detailStart);
        var townParent = resolved >= 0 ? g.Divisions[resolved] : null;
        if (townParent is not null && townParent.Level != DivisionLevel.Province)
        {
            var town = MatchTown(g, townParent, text, p2);
            if (town is { } t)
            {
                components.Add(new AddressComponent(AddressComponentKind.Town, input.Substring(p2, t.Name.Length), p2, t.Name, t.Code));
                p2 = SkipSeparators(text, p2 + t.Name.Length);
            }
            else if (GenericTown(text, p2) is var len and > 0)
            {
                Add(components, AddressComponentKind.Town, input, text, p2, p2 + len);
                p2 = SkipSeparators(text, p2 + len);
            }
        }
        else if (GenericTown(text, p2) is var len and > 0)
        {
            Add(components, AddressComponentKind.Town, input, text, p2, p2 + len);
            p2 = SkipSeparators(text, p2 + len);
        }

        var detailFrom = p2;
        ParseDetail(input, text, p2, components);

        // 6. Postcode completion at county granularity (pre-2010 vintage: main post office code of the county).
        if (resolved >= 0 && g.Divisions[resolved].Postcode is { } postcode && !Has(components, AddressComponentKind.Postcode))
        {
            components.Add(new AddressComponent(AddressComponentKind.Postcode, null, -1, postcode));
            changes.Add(new AddressChange(AddressComponentKind.Postcode, AddressChangeKind.Completed, null, postcode));
        }

        if (anyFold)
        {
            foreach (var c in components)
            {
                if (c.Text is not null && c.Kind is not (AddressComponentKind.Region or AddressComponentKind.City or AddressComponentKind.District)
                    && !string.Equals(c.Text, c.Value, StringComparison.Ordinal))
                {
                    changes.Add(new AddressChange(c.Kind, AddressChangeKind.Normalized, c.Text, c.Value));
                }
            }
        }

        components.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Kind.CompareTo(b.Kind));
        var found = components.Count > 0;
        if (!found)
        {
            return new StandardizedAddress { Input = input, Status = AddressStatus.Unparsed, FailureReason = AddressFailureReason.NotRecognized, CountryCode = "CN" };
        }

        if (candidates is null)
        {
            confidence = 0.3;
        }
        else if (ambiguous.Count > 0)
        {
            confidence = Math.Min(confidence, 0.5);
        }

        return new StandardizedAddress
        {
            Input = input,
            Status = ambiguous.Count > 0 ? AddressStatus.Ambiguous : AddressStatus.Standardized,
            CountryCode = "CN",
            Components = components,
            Changes = changes,
            Candidates = ambiguous,
            Confidence = Math.Round(Math.Clamp(confidence, 0, 1), 2),
            Formatted = Format(components, text, detailFrom),
        };
    }

    private static (List<int>? Candidates, int End) RunChain(Gazetteer g, ReadOnlySpan<char> text, int start, int textStart,
        List<(int Length, List<NameEntry> Entries)> matches, List<(int Start, int Length, NameKind Kind, List<int> Entries)> spans)
    {
        spans.Clear();
        List<int>? candidates = null;
        var end = -1;
        var p = start;
        while (p < text.Length)
        {
            var step = MatchStep(g, text, p, candidates, matches, allowFuzzy: candidates is not null || p == textStart);
            if (step.Entries is null)
            {
                break;
            }

            // A repeated division (宁波宁波市, 浙江省温州市浙江省温州市) is consumed without changing the chain, but not a
            // short form that is the start of a smaller place of its own (屏东县屏东市: 屏东市 is a town below the county).
            if (!ReferenceEquals(step.Entries, candidates))
            {
                candidates = step.Entries;
                spans.Add((p, step.Length, step.Kind, step.Entries));
            }
            else if (step.Kind == NameKind.Alias && p + step.Length < text.Length && "市县区镇乡".Contains(text[p + step.Length], StringComparison.Ordinal))
            {
                break;
            }

            end = p + step.Length;

            // Pre-2000s prefectures were written X地区 (柳州地区): the suffix belongs to the city name.
            if (step.Kind == NameKind.Alias && g.Divisions[step.Entries[0]].Level == DivisionLevel.City && text[end..].StartsWith("地区", StringComparison.Ordinal))
            {
                end += 2;
            }

            p = SkipNoise(text, SkipSeparators(text, end));
        }

        return (candidates, end);
    }

    /// <summary>Skips placeholders that exports write between divisions: 市辖区 (municipality prefecture rows) and "null".</summary>
    private static int SkipNoise(ReadOnlySpan<char> text, int pos)
    {
        while (true)
        {
            var rest = text[pos..];
            if (rest.StartsWith("市辖区", StringComparison.Ordinal))
            {
                pos = SkipSeparators(text, pos + 3);
            }
            else if (rest.StartsWith("null", StringComparison.OrdinalIgnoreCase))
            {
                pos = SkipSeparators(text, pos + 4);
            }
            else
            {
                return pos;
            }
        }
    }

    private static bool Has(List<AddressComponent> components, AddressComponentKind kind)
    {
        foreach (var c in components)
        {
            if (c.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipSeparators(ReadOnlySpan<char> text, int pos)
    {
        while (pos < text.Length && (Separators.Contains(text[pos]) || char.IsControl(text[pos]) || char.IsWhiteSpace(text[pos])))
        {
            pos++;
        }

        return pos;
    }

    private static bool Consistent(Gazetteer g, int entry, List<int>? candidates)
    {
        if (candidates is null)
        {
            return true;
        }

        var e = g.Divisions[entry];
        foreach (var c in candidates)
        {
            var d = g.Divisions[c];
            if (e.Level > d.Level && (d.Level == DivisionLevel.Province ? e.Province == c : e.City == c))
            {
                return true;
            }
        }

        return false;
    }

    private static (int Length, List<int>? Entries, NameKind Kind) MatchStep(
        Gazetteer g, ReadOnlySpan<char> text, int pos, List<int>? candidates, List<(int Length, List<NameEntry> Entries)> matches, bool allowFuzzy)
    {
        g.Names.MatchesAt(text, pos, matches);
        for (var m = matches.Count - 1; m >= 0; m--)
        {
            var (length, entries) = matches[m];
            List<int>? accepted = null;
            var bestKind = NameKind.Old;
            foreach (var e in entries)
            {
                if (!Consistent(g, e.Division, candidates))
                {
                    continue;
                }

                var d = g.Divisions[e.Division];

                // Bare generic county names (城区, 郊区, 矿区) need a parent; short forms must not be the start of a road or POI
                // (中山路, 北京大学) unless another division follows at once.
                if (candidates is null && e.Kind == NameKind.Full && d.Level == DivisionLevel.District && length == 2 && d.Name[^1] == '区')
                {
                    continue;
                }

                if (e.Kind != NameKind.Full && pos + length < text.Length
                    && (candidates is null ? AliasStopFollowers : ChainStopFollowers).Contains(text[pos + length])
                    && !StartsDivision(g, text, pos + length))
                {
                    continue;
                }

                if (accepted is null || e.Kind < bestKind)
                {
                    if (accepted is not null && e.Kind < bestKind)
                    {
                        accepted.Clear();
                    }

                    accepted ??= [];
                    bestKind = e.Kind;
                }

                if (e.Kind == bestKind && !accepted.Contains(e.Division))
                {
                    accepted.Add(e.Division);
                }
            }

            if (accepted is { Count: > 0 })
            {
                return (length, accepted, bestKind);
            }

            // A county named in full under the wrong prefecture of the right province (柳州地区忻城县: 忻城县 moved to 来宾市 in 2002):
            // the smaller, current name wins and the prefecture is completed from it.
            if (candidates is not null && CrossPrefecture(g, entries, candidates) is { } moved)
            {
                return (length, [moved], NameKind.Full);
            }

            if (candidates is not null)
            {
                foreach (var e in entries)
                {
                    foreach (var c in candidates)
                    {
                        var d = g.Divisions[c];
                        if (e.Division == c || e.Division == d.Province || e.Division == d.City)
                        {
                            return (length, candidates, e.Kind);
                        }
                    }
                }
            }
        }

        return allowFuzzy ? Fuzzy(g, text, pos, candidates) : (0, null, NameKind.Full);
    }

    private static int? CrossPrefecture(Gazetteer g, List<NameEntry> entries, List<int> candidates)
    {
        if (candidates.Count != 1 || g.Divisions[candidates[0]].Level != DivisionLevel.City)
        {
            return null;
        }

        int? found = null;
        foreach (var e in entries)
        {
            var d = g.Divisions[e.Division];
            if (e.Kind == NameKind.Full && d.Level == DivisionLevel.District && d.Province == g.Divisions[candidates[0]].Province && d.City != candidates[0])
            {
                if (found is not null)
                {
                    return null; // not unique in the province: do not guess
                }

                found = e.Division;
            }
        }

        return found;
    }

    private static bool StartsDivision(Gazetteer g, ReadOnlySpan<char> text, int pos)
    {
        var matches = new List<(int Length, List<NameEntry> Entries)>(2);
        g.Names.MatchesAt(text, pos, matches);
        return matches.Count > 0 && matches[^1].Length >= 2;
    }

    /// <summary>Corrects one substituted character (not the suffix) against full names of the same length and suffix; unique hits only.</summary>
    private static (int Length, List<int>? Entries, NameKind Kind) Fuzzy(Gazetteer g, ReadOnlySpan<char> text, int pos, List<int>? candidates)
    {
        for (var length = 3; length <= 6 && pos + length <= text.Length; length++)
        {
            var last = text[pos + length - 1];
            if (!FuzzySuffixes.Contains(last) || !g.FuzzyIndex.TryGetValue((length, last), out var list))
            {
                continue;
            }

            var window = text.Slice(pos, length);
            var hit = -1;
            var hits = 0;
            foreach (var index in list)
            {
                var name = g.Divisions[index].Name;
                var diff = 0;
                for (var i = 0; i < length - 1 && diff <= 1; i++)
                {
                    diff += name[i] == window[i] ? 0 : 1;
                }

                if (diff == 1 && Consistent(g, index, candidates))
                {
                    hit = index;
                    hits++;
                }
            }

            if (hits == 1)
            {
                return (length, [hit], (NameKind)3);
            }
        }

        return (0, null, NameKind.Full);
    }

    private static List<int> Narrow(Gazetteer g, List<int> candidates, AddressHints? hints, ReadOnlySpan<char> text, int detail)
    {
        if (candidates.Count <= 1)
        {
            return candidates;
        }

        if (hints is { PreferredCodes.Count: > 0 })
        {
            var preferred = new List<int>();
            foreach (var c in candidates)
            {
                foreach (var code in hints.PreferredCodes)
                {
                    if (!string.IsNullOrEmpty(code) && g.Divisions[c].Code.StartsWith(code.TrimEnd('0') is { Length: > 0 } t ? t : code, StringComparison.Ordinal))
                    {
                        preferred.Add(c);
                        break;
                    }
                }
            }

            if (preferred.Count > 0)
            {
                candidates = preferred;
            }
        }

        if (candidates.Count > 1)
        {
            var withTown = new List<int>();
            foreach (var c in candidates)
            {
                if (g.Divisions[c].Level != DivisionLevel.Province && MatchTown(g, g.Divisions[c], text, detail) is not null)
                {
                    withTown.Add(c);
                }
            }

            if (withTown.Count == 1)
            {
                return withTown;
            }
        }

        if (candidates.Count > 1)
        {
            var shallowest = DivisionLevel.District;
            foreach (var c in candidates)
            {
                shallowest = g.Divisions[c].Level < shallowest ? g.Divisions[c].Level : shallowest;
            }

            var kept = new List<int>();
            foreach (var c in candidates)
            {
                if (g.Divisions[c].Level == shallowest)
                {
                    kept.Add(c);
                }
            }

            candidates = kept;
        }

        return candidates;
    }

    private static AddressCandidate Candidate(Gazetteer g, int index)
    {
        var d = g.Divisions[index];
        var province = g.Divisions[d.Province].Name;
        string? city = d.City >= 0 ? g.Divisions[d.City].Name : null;
        return new AddressCandidate(province, city, d.Level == DivisionLevel.District ? d.Name : null, d.Code);
    }

    private static void EmitDivisions(Gazetteer g, string input, List<(int Start, int Length, NameKind Kind, List<int> Entries)> spans,
        List<int> candidates, int resolved, List<AddressComponent> components, List<AddressChange> changes, ref double confidence)
    {
        // With an ambiguous end, complete only what all candidates share.
        var first = g.Divisions[candidates[0]];
        var province = first.Province;
        var city = first.City;
        foreach (var c in candidates)
        {
            province = g.Divisions[c].Province == province ? province : -1;
            city = g.Divisions[c].City == city ? city : -1;
        }

        Span<int> levels = [province, city, resolved >= 0 && g.Divisions[resolved].Level == DivisionLevel.District ? resolved : -1];
        var isMunicipality = province >= 0 && g.Divisions[province].IsMunicipality;

        // Attribute each found span to the level of the division it named: the entry that is the final division or its ancestor.
        Span<(int Start, int Length, NameKind Kind)?> spanOf = stackalloc (int Start, int Length, NameKind Kind)?[3]; // one per level, not an array per address
        foreach (var span in spans)
        {
            foreach (var e in span.Entries)
            {
                if (e == candidates[0] || e == first.Province || e == first.City)
                {
                    spanOf[(int)g.Divisions[e].Level] = (span.Start, span.Length, span.Kind);
                    break;
                }
            }
        }

        for (var level = 0; level < 3; level++)
        {
            var kind = (AddressComponentKind)((int)AddressComponentKind.Region + level);
            var index = levels[level];
            if (level == 1 && isMunicipality && spanOf[1] is null)
            {
                // Municipalities: the city is the municipality itself (cpca writes 市辖区; we write 北京市 with code 110100),
                // also when only the municipality was named (重庆解放碑).
                index = city >= 0 ? city : g.ByCode.GetValueOrDefault(string.Concat(g.Divisions[province].Code.AsSpan(0, 2), "0100"), -1);
            }

            if (level == 2 && index < 0 && spanOf[2] is { } shared && SharedDistrictName(g, candidates) is { } sharedName)
            {
                // Same district name in several places (西湖区: Hangzhou and Nanchang): the name is certain, its code is not.
                components.Add(new AddressComponent(kind, input.Substring(shared.Start, shared.Length), shared.Start, sharedName));
                continue;
            }

            if (index < 0)
            {
                continue;
            }

            var d = g.Divisions[index];
            if (d.Name.Length == 0)
            {
                continue; // counties directly under a province (省直辖县级): no prefecture
            }

            if (spanOf[level] is { } s)
            {
                var raw = input.Substring(s.Start, s.Length);
                components.Add(new AddressComponent(kind, raw, s.Start, d.Name, d.Code));
                var change = s.Kind switch
                {
                    NameKind.Alias => AddressChangeKind.Expanded,
                    NameKind.Old => AddressChangeKind.Renamed,
                    NameKind.Full => AddressChangeKind.Normalized,
                    _ => AddressChangeKind.Corrected,
                };
                if (!string.Equals(raw, d.Name, StringComparison.Ordinal))
                {
                    changes.Add(new AddressChange(kind, change, raw, d.Name));
                    confidence -= change switch
                    {
                        AddressChangeKind.Corrected => 0.15,
                        AddressChangeKind.Renamed => 0.03,
                        _ => 0.005,
                    };
                }
            }
            else
            {
                components.Add(new AddressComponent(kind, null, -1, d.Name, d.Code));
                if (!(level == 1 && isMunicipality))
                {
                    changes.Add(new AddressChange(kind, AddressChangeKind.Completed, null, d.Name));
                    confidence -= 0.02;
                }
            }
        }
    }

    private static string? SharedDistrictName(Gazetteer g, List<int> candidates)
    {
        var name = g.Divisions[candidates[0]].Name;
        foreach (var c in candidates)
        {
            if (g.Divisions[c].Level != DivisionLevel.District || !string.Equals(g.Divisions[c].Name, name, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return name;
    }

    private static Town? MatchTown(Gazetteer g, Division parent, ReadOnlySpan<char> text, int pos)
    {
        if (pos >= text.Length)
        {
            return null;
        }

        Town? best = null;
        if (parent.Level == DivisionLevel.District || g.TownsByParent.ContainsKey(parent.Code))
        {
            best = BestTown(g, parent.Code, text, pos);
        }
        else
        {
            // A prefecture without its county: look through the towns of all its counties.
            var prefix = parent.Code.AsSpan(0, 4);
            foreach (var d in g.Divisions)
            {
                if (d.Level == DivisionLevel.District && d.Code.AsSpan(0, 4).SequenceEqual(prefix) && BestTown(g, d.Code, text, pos) is { } t
                    && (best is null || t.Name.Length > best.Value.Name.Length))
                {
                    best = t;
                }
            }
        }

        return best;
    }

    private static Town? BestTown(Gazetteer g, string parent, ReadOnlySpan<char> text, int pos)
    {
        if (!g.TownsByParent.TryGetValue(parent, out var towns))
        {
            return null;
        }

        Town? best = null;
        var rest = text[pos..];
        foreach (var t in towns)
        {
            if (rest.StartsWith(t.Name, StringComparison.Ordinal) && (best is null || t.Name.Length > best.Value.Name.Length))
            {
                best = t;
            }
        }

        return best;
    }

    /// <summary>Finds a town not in the gazetteer: 2 to 6 characters ending in 镇, 乡 or 街道, no digits.</summary>
    private static int GenericTown(ReadOnlySpan<char> text, int pos)
    {
        for (var i = pos + 1; i < text.Length && i < pos + 7; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c) || Separators.Contains(c) || c is '路' or '号' or '区' or '市' or '县' or '村')
            {
                return 0;
            }

            if (c is '镇' or '乡' && i + 1 - pos >= 2 && (i + 1 >= text.Length || text[i + 1] is not ('村' or '路' or '街')))
            {
                return i + 1 - pos;
            }

            if (c == '街' && i + 1 < text.Length && text[i + 1] == '道' && i - pos >= 2)
            {
                return i + 2 - pos;
            }
        }

        return 0;
    }

    private static bool IsNumberChar(char c) => char.IsAsciiLetterOrDigit(c) || ChineseDigits.Contains(c);

    /// <summary>Splits the part below the town into street, house number, building (POI + building number), unit, floor, room, postcode.</summary>
    private static void ParseDetail(string input, ReadOnlySpan<char> text, int pos, List<AddressComponent> components)
    {
        var i = pos;

        // Street: the first road suffix after a non-digit, at most 12 characters of name, stopping at community words.
        var roadEnd = -1;
        var roadStart = -1;
        for (var k = pos + 1; k < text.Length; k++)
        {
            var c = text[k];
            var suffix = 0;
            if (c is '路' or '街' or '巷' or '弄' && !(c == '街' && k + 1 < text.Length && text[k + 1] == '道'))
            {
                suffix = 1;
            }
            else if (c == '道' && text[k - 1] == '大')
            {
                suffix = 1;
            }
            else if (c == '胡' && k + 1 < text.Length && text[k + 1] == '同')
            {
                suffix = 2;
            }

            if (suffix == 0 || char.IsAsciiDigit(text[k - 1]) || ChineseDigits.Contains(text[k - 1]) && k - 1 == pos)
            {
                continue;
            }

            var start = k - 1;
            while (start > pos && k - start < 12 && !Separators.Contains(text[start - 1]) && !char.IsAsciiDigit(text[start - 1])
                && text[start - 1] is not ('村' or '区' or '镇' or '乡' or '号' or '县' or '市' or '道' or '楼' or '室' or '园'))
            {
                start--;
            }

            roadStart = start;
            roadEnd = k + suffix;
            break;
        }

        if (roadStart >= 0)
        {
            // A directional or numbered continuation (中山路东段, 一路) is part of the suffix already; take 段 too.
            if (roadEnd < text.Length && text[roadEnd] == '段')
            {
                roadEnd++;
            }

            Add(components, AddressComponentKind.Street, input, text, roadStart, roadEnd);
            i = roadEnd;

            // House number: digits (optionally 88-1), then 号/弄/号院, or bare digits not followed by a building word.
            var j = i;
            while (j < text.Length && text[j] == ' ')
            {
                j++;
            }

            var n = j;
            while (n < text.Length && (char.IsAsciiDigit(text[n]) || ChineseDigits.Contains(text[n]) || (text[n] == '-' && n > j)))
            {
                n++;
            }

            if (n > j)
            {
                if (n < text.Length && text[n] is '号' or '弄' && !(n + 1 < text.Length && text[n + 1] == '楼'))
                {
                    n += n + 1 < text.Length && text[n + 1] == '院' ? 2 : 1;
                    Add(components, AddressComponentKind.HouseNumber, input, text, j, n);
                    i = n;
                }
                else if (n >= text.Length || !IsBuildingSuffix(text, n))
                {
                    Add(components, AddressComponentKind.HouseNumber, input, text, j, n);
                    i = n;
                }
            }
        }

        // Below the street: a POI name, then numbered parts (栋/号楼/座/幢, 单元, 层/楼/F, 室/房, trailing digits).
        var poiStart = -1;
        var poiEnd = -1;
        var k2 = i;
        var sawPart = false;
        while (k2 < text.Length)
        {
            if (Separators.Contains(text[k2]))
            {
                if (poiStart >= 0 && poiEnd < 0)
                {
                    poiEnd = k2;
                }

                k2++;
                continue;
            }

            if (IsNumberChar(text[k2]))
            {
                var e = k2;
                while (e < text.Length && IsNumberChar(text[e]) && !(e > k2 && char.IsAsciiLetter(text[e]) && e + 1 < text.Length && !IsNumberChar(text[e + 1]) && IsPartSuffix(text, e + 1) == 0 && text[e] is 'F' or 'f'))
                {
                    e++;
                }

                var (kind, end) = ClassifyPart(text, k2, e, sawPart);
                if (kind is { } partKind)
                {
                    if (poiStart >= 0 && poiEnd < 0)
                    {
                        poiEnd = k2;
                    }

                    if (partKind == AddressComponentKind.Building && poiStart >= 0 && poiEnd == k2 && !Has(components, AddressComponentKind.Building))
                    {
                        Add(components, AddressComponentKind.Building, input, text, poiStart, end); // SOHO现代城5号楼
                        poiStart = -2;
                    }
                    else if (!Has(components, partKind))
                    {
                        Add(components, partKind, input, text, k2, end);
                    }

                    sawPart = true;
                    k2 = end;
                    continue;
                }

                if (poiStart == -1)
                {
                    poiStart = k2;
                }

                k2 = Math.Max(e, k2 + 1);
                continue;
            }

            if (poiStart == -1 && !sawPart)
            {
                poiStart = k2;
            }

            k2++;
        }

        if (poiStart >= 0)
        {
            var end = poiEnd >= 0 ? poiEnd : text.Length;
            while (end > poiStart && Separators.Contains(text[end - 1]))
            {
                end--;
            }

            if (end > poiStart && !Has(components, AddressComponentKind.Building))
            {
                Add(components, AddressComponentKind.Building, input, text, poiStart, end);
            }
        }
    }

    private static bool IsBuildingSuffix(ReadOnlySpan<char> text, int at) => IsPartSuffix(text, at) > 0;

    private static int IsPartSuffix(ReadOnlySpan<char> text, int at)
    {
        if (at >= text.Length)
        {
            return 0;
        }

        var rest = text[at..];
        return rest.StartsWith("号楼", StringComparison.Ordinal) || rest.StartsWith("单元", StringComparison.Ordinal) || rest.StartsWith("号房", StringComparison.Ordinal) ? 2
            : rest[0] is '栋' or '幢' or '座' or '层' or '楼' or '室' or '房' or '#' ? 1
            : 0;
    }

    private static (AddressComponentKind? Kind, int End) ClassifyPart(ReadOnlySpan<char> text, int start, int end, bool sawPart)
    {
        var run = text[start..end];
        if (end < text.Length)
        {
            var rest = text[end..];
            if (rest.StartsWith("号楼", StringComparison.Ordinal) || rest.StartsWith("号院", StringComparison.Ordinal))
            {
                return (AddressComponentKind.Building, end + 2);
            }

            if (rest[0] is '栋' or '幢' or '座' or '#')
            {
                return (AddressComponentKind.Building, end + (rest.StartsWith("#楼", StringComparison.Ordinal) ? 2 : 1));
            }

            if (rest.StartsWith("单元", StringComparison.Ordinal))
            {
                return (AddressComponentKind.Unit, end + 2);
            }

            if (rest[0] is '层' or '楼')
            {
                return (AddressComponentKind.Floor, end + 1);
            }

            if (rest[0] is '室' or '房')
            {
                return (AddressComponentKind.Room, end + 1);
            }

            if (rest.StartsWith("号房", StringComparison.Ordinal))
            {
                return (AddressComponentKind.Room, end + 2);
            }

            if (rest[0] == '号' && sawPart)
            {
                return (AddressComponentKind.Room, end + 1);
            }

            if (rest[0] == '号')
            {
                return (AddressComponentKind.HouseNumber, end + 1);
            }
        }

        // 12F / B1F: a floor written the Latin way.
        if (run.Length >= 2 && run[^1] is 'F' or 'f' && char.IsAsciiDigit(run[^2]))
        {
            return (AddressComponentKind.Floor, end);
        }

        // A 6-digit number standing alone is a postcode; trailing digits after a part (or at the end) are a room.
        var allDigits = !run.ContainsAnyExceptInRange('0', '9');
        if (allDigits && run.Length == 6 && (end >= text.Length || Separators.Contains(text[end])))
        {
            return (AddressComponentKind.Postcode, end);
        }

        if (allDigits && run.Length >= 3 && (end >= text.Length || Separators.Contains(text[end])))
        {
            return (AddressComponentKind.Room, end);
        }

        return (null, end);
    }

    private static void Add(List<AddressComponent> components, AddressComponentKind kind, string input, ReadOnlySpan<char> text, int start, int end)
    {
        // The value is the folded text; where folding changed nothing (most input) it is the same string, not a copy.
        var original = input[start..end];
        var folded = text[start..end];
        components.Add(new AddressComponent(kind, original, start, folded.SequenceEqual(original) ? original : new string(folded)));
    }

    private static string Format(List<AddressComponent> components, ReadOnlySpan<char> text, int detailFrom)
    {
        // Divisions in hierarchy order whatever their position in the input (inferred ones have no position);
        // a municipality's city repeats its region (北京市北京市), so it is written once.
        string? region = Find(components, AddressComponentKind.Region);
        string? city = Find(components, AddressComponentKind.City);
        ReadOnlySpan<char> cityPart = string.Equals(city, region, StringComparison.Ordinal) ? default : city;
        var district = Find(components, AddressComponentKind.District);
        ReadOnlySpan<char> districtPart = city is not null && district is not null && district.StartsWith(city, StringComparison.Ordinal) ? district.AsSpan(city.Length) : district;
        ReadOnlySpan<char> town = Find(components, AddressComponentKind.Town);

        // Below the town the text is kept as folded (nothing is dropped); separators at the ends are trimmed.
        var rest = text[Math.Min(detailFrom, text.Length)..].Trim(Separators);

        // Written into a stack buffer (no builder and chunk per address); the input is at most 1,000 characters.
        var length = (region?.Length ?? 0) + cityPart.Length + districtPart.Length + town.Length + rest.Length;
        var buffer = length <= 256 ? stackalloc char[256] : new char[length];
        var n = 0;
        region.AsSpan().CopyTo(buffer);
        n += region?.Length ?? 0;
        cityPart.CopyTo(buffer[n..]);
        n += cityPart.Length;
        districtPart.CopyTo(buffer[n..]);
        n += districtPart.Length;
        town.CopyTo(buffer[n..]);
        n += town.Length;
        foreach (var ch in rest)
        {
            if (!char.IsControl(ch))
            {
                buffer[n++] = ch;
            }
        }

        return new string(buffer[..n]);
    }

    private static string? Find(List<AddressComponent> components, AddressComponentKind kind)
    {
        foreach (var c in components)
        {
            if (c.Kind == kind)
            {
                return c.Value;
            }
        }

        return null;
    }
}
