using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CustomerCore.Addresses.Latin;
using CustomerCore.Benchmarks.Infrastructure;
using CustomerCore.TestSupport;

namespace CustomerCore.Benchmarks.Addresses.Latin;

/// <summary>Scores the US / Latin-script address parser on the usaddress labelled sets and times it; prints one table.</summary>
/// <remarks>Gold spans are maximal runs of tokens whose usaddress labels map to the same component
/// (AddressNumber(+Prefix/Suffix) → house_number; StreetNamePreModifier/PreDirectional/PreType/StreetName/PostType/
/// PostDirectional/PostModifier → street; Occupancy*/Subaddress* → unit; BuildingName/LandmarkName → building; PlaceName → city;
/// StateName → region; ZipCode/ZipPlus4 → postcode; USPSBox* → po_box; Recipient → recipient; CountryName → country).
/// A run's text is the input from its first token to its last; predicted spans of one component that touch are merged the
/// same way (only spaces, commas, semicolons, brackets or quotes between them). A prediction counts when its trimmed text
/// (without surrounding commas, semicolons, spaces, brackets and quotes) equals a gold
/// run of the same component in the same address. The data is used as a test set only: nothing in the parser reads it.
/// Options: <c>--errors</c> lists mismatches on standard error.
/// Labelling conventions of the data that no general rule can satisfy both ways (scored as they are, never special-cased):
/// labeled.jsonl keeps the number in "480 WORLD TRADE CENTER" and "1000 NATIONSBANK CENTER" (building) but splits
/// "310 ASPEN AIRPORT BUSINESS CENTER" into unit + building; it puts "Dorrance Bldg" inside the unit of "Rm 623 Dorrance Bldg"
/// but labels "burns prof. blg." after "ste 110" a building; us50 labels "Mesa Mall" and "Lnlck Shopping Center" streets where
/// labeled.jsonl labels "Valley West Mall" and "Meriden Square" landmarks (the parser follows labeled.jsonl); us50's tokens
/// drop the "#" glued to "Road#" so its gold unit is "1" where labeled.jsonl keeps "# 2510".</remarks>
public sealed class LatinAddressEvaluator : IEvaluator
{
    private static readonly LatinComponent[] s_components =
    [
        LatinComponent.HouseNumber, LatinComponent.Street, LatinComponent.Unit, LatinComponent.PoBox, LatinComponent.City,
        LatinComponent.Region, LatinComponent.Postcode, LatinComponent.Building, LatinComponent.Recipient, LatinComponent.Country,
    ];

    public string Name => "addresses-us";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var errors = args.Contains("--errors");
        if (args.Length > 1 && args[0] == "--parse")
        {
            // Debug aid: print the spans of the given addresses instead of the table.
            foreach (var text in args.Skip(1))
            {
                var p = UsAddressParser.Parse(text);
                Console.WriteLine($"{text} => {p.CountryCode}/{p.RegionCode}/{p.RegionFips} conf {p.Confidence}: " + string.Join(" | ", p.Spans.Select(x => $"{Key(x.Component)}='{text.Substring(x.Start, x.Length)}'→'{x.Value}'")));
            }

            return Task.FromResult(0);
        }

        var sw = Stopwatch.StartNew();
        UsAddressParser.Parse("431 Marietta St NW Apt 5, Atlanta GA 30313");
        var firstMs = sw.Elapsed.TotalMilliseconds;

        var labeled = Load("labeled.jsonl");
        var us50 = Load("us50_train_tagged.jsonl").Concat(Load("us50_messiest_manual_label.jsonl")).ToList();
        var multi = Load("multi_word_state_addresses.jsonl").Concat(Load("example_training.jsonl")).ToList();
        var sets = new[] { ("training/labeled", labeled), ("us50 (train_tagged + messiest)", us50), ("multi_word_state + example", multi) };
        var scores = sets.Select(s => Score(s.Item2, errors && s.Item1 == "training/labeled" ? "labeled" : errors ? s.Item1 : null)).ToArray();

        Console.WriteLine("| component | " + string.Join(" | ", sets.Select(s => $"{s.Item1}: P / R / F1 (gold)")) + " |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---|", sets.Length)));
        foreach (var c in s_components)
        {
            var cells = scores.Select(s =>
            {
                var (tp, fp, fn) = s.Counts[c];
                if (tp + fn == 0 && fp == 0)
                {
                    return "-";
                }

                var p = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
                var r = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
                var f = p + r == 0 ? 0 : 2 * p * r / (p + r);
                return F($"{p:F3} / {r:F3} / **{f:F3}** ({tp + fn})");
            });
            Console.WriteLine($"| {Key(c)} | " + string.Join(" | ", cells) + " |");
        }

        Console.WriteLine("| micro-average F1 | " + string.Join(" | ", scores.Select(s =>
        {
            int tp = 0, fp = 0, fn = 0;
            foreach (var (a, b, d) in s.Counts.Values)
            {
                tp += a;
                fp += b;
                fn += d;
            }

            return F($"{2.0 * tp / Math.Max(1, (2 * tp) + fp + fn):F3}");
        })) + " |");
        Console.WriteLine("| whole-address exact match | " + string.Join(" | ", scores.Select(s => F($"{(double)s.Exact / Math.Max(1, s.Total):P1} ({s.Exact}/{s.Total})"))) + " |");

        var texts = labeled.Select(a => a.Text).ToArray();
        var violations = 0;
        foreach (var text in sets.SelectMany(s => s.Item2).Select(a => a.Text))
        {
            var end = 0;
            foreach (var span in UsAddressParser.Parse(text).Spans)
            {
                violations += span.Start < end || span.Length <= 0 || span.Start + span.Length > text.Length ? 1 : 0;
                end = span.Start + span.Length;
            }
        }

        Console.WriteLine(F($"| spans out of order, overlapping or outside the input | {violations} | | 0 |"));
        var (perSecond, perCpuSecond, allocated) = Throughput(texts);
        Console.WriteLine(F($"| throughput (1 thread, labeled texts) | {perSecond:N0} addresses/s wall clock; {perCpuSecond:N0} per CPU-second of the process; {allocated:N0} B allocated per address | first call {firstMs:F0} ms (data load) | target ≥ 100,000/s per core; shared machine, noisy |"));
        return Task.FromResult(0);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Key(LatinComponent c) => c switch
    {
        LatinComponent.HouseNumber => "house_number",
        LatinComponent.PoBox => "po_box",
        _ => c.ToString().ToLowerInvariant(),
    };

    private static (double PerSecond, double PerCpuSecond, double Allocated) Throughput(string[] texts)
    {
        for (var i = 0; i < 2; i++)
        {
            foreach (var t in texts)
            {
                UsAddressParser.Parse(t);
            }
        }

        var count = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < 2)
        {
            foreach (var t in texts)
            {
                UsAddressParser.Parse(t);
            }

            count += texts.Length;
        }

        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
        return (count / wall, count / Math.Max(cpu, 1e-9), allocated);
    }

    private sealed record Gold(string Text, List<(LatinComponent Component, string Text)> Runs);

    private sealed record SetScore(Dictionary<LatinComponent, (int Tp, int Fp, int Fn)> Counts, int Exact, int Total);

    private static LatinComponent? MapLabel(string label) => label switch
    {
        "AddressNumber" or "AddressNumberPrefix" or "AddressNumberSuffix" => LatinComponent.HouseNumber,
        "StreetNamePreModifier" or "StreetNamePreDirectional" or "StreetNamePreType" or "StreetName" or "StreetNamePostType"
            or "StreetNamePostDirectional" or "StreetNamePostModifier" => LatinComponent.Street,
        "OccupancyType" or "OccupancyIdentifier" or "SubaddressType" or "SubaddressIdentifier" => LatinComponent.Unit,
        "BuildingName" or "LandmarkName" => LatinComponent.Building,
        "PlaceName" => LatinComponent.City,
        "StateName" => LatinComponent.Region,
        "ZipCode" or "ZipPlus4" => LatinComponent.Postcode,
        "USPSBoxType" or "USPSBoxID" or "USPSBoxGroupType" or "USPSBoxGroupID" => LatinComponent.PoBox,
        "Recipient" => LatinComponent.Recipient,
        "CountryName" => LatinComponent.Country,
        _ => null,
    };

    private static List<Gold> Load(string file)
    {
        var result = new List<Gold>();
        var path = SharedData.PathOf("address", "usaddress", "training", file);
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var text = doc.RootElement.GetProperty("text").GetString() ?? string.Empty;
            var runs = new List<(LatinComponent, string)>();
            var cursor = 0;
            LatinComponent? current = null;
            int runStart = -1, runEnd = -1;
            foreach (var token in doc.RootElement.GetProperty("tokens").EnumerateArray())
            {
                var word = token[0].GetString() ?? string.Empty;
                var component = MapLabel(token[1].GetString() ?? string.Empty);
                var at = word.Length == 0 ? -1 : text.IndexOf(word, cursor, StringComparison.Ordinal);
                if (at < 0 || component != current)
                {
                    Close();
                }

                if (at < 0)
                {
                    continue;
                }

                cursor = at + word.Length;
                if (component is null)
                {
                    continue;
                }

                if (current is null)
                {
                    current = component;
                    runStart = at;
                }

                runEnd = cursor;
            }

            Close();
            result.Add(new Gold(text, runs));

            void Close()
            {
                if (current is { } c && runStart >= 0)
                {
                    runs.Add((c, Trim(text[runStart..runEnd])));
                }

                current = null;
                runStart = -1;
            }
        }

        return result;
    }

    // Brackets and quotes are punctuation around a token (usaddress keeps them on its tokens: "(m/c", "35968\""); they are
    // trimmed from gold and predicted text alike, so a span is judged by its words, never by a stray bracket.
    private static string Trim(string s) => s.Trim().Trim(',', ';', ' ', '\t', '(', ')', '[', ']', '"').Trim();

    private static SetScore Score(List<Gold> golds, string? errorsLabel)
    {
        var counts = s_components.ToDictionary(c => c, _ => (0, 0, 0));
        var exact = 0;
        foreach (var gold in golds)
        {
            var parse = UsAddressParser.Parse(gold.Text);
            var predicted = Merge(gold.Text, parse.Spans);
            var ok = true;
            foreach (var c in s_components)
            {
                var g = gold.Runs.Where(r => r.Component == c).Select(r => r.Text).ToList();
                var p = predicted.Where(r => r.Component == c).Select(r => r.Text).ToList();
                var tp = 0;
                foreach (var x in p)
                {
                    var idx = g.IndexOf(x);
                    if (idx >= 0)
                    {
                        g.RemoveAt(idx);
                        tp++;
                    }
                }

                var fp = p.Count - tp;
                var fn = g.Count;
                var (a, b, d) = counts[c];
                counts[c] = (a + tp, b + fp, d + fn);
                ok &= fp == 0 && fn == 0;
            }

            if (ok)
            {
                exact++;
            }
            else if (errorsLabel is not null)
            {
                Console.Error.WriteLine($"[{errorsLabel}] {gold.Text}");
                Console.Error.WriteLine("   gold: " + string.Join(" | ", gold.Runs.Select(r => $"{Key(r.Component)}={r.Text}")));
                Console.Error.WriteLine("   pred: " + string.Join(" | ", predicted.Select(r => $"{Key(r.Component)}={r.Text}")));
            }
        }

        return new SetScore(counts, exact, golds.Count);
    }

    private static List<(LatinComponent Component, string Text)> Merge(string text, IReadOnlyList<LatinSpan> spans)
    {
        var merged = new List<(LatinComponent Component, int Start, int End)>();
        foreach (var s in spans)
        {
            if (merged.Count > 0 && merged[^1].Component == s.Component && OnlySeparators(text, merged[^1].End, s.Start))
            {
                merged[^1] = (s.Component, merged[^1].Start, s.Start + s.Length);
            }
            else
            {
                merged.Add((s.Component, s.Start, s.Start + s.Length));
            }
        }

        return merged.Select(m => (m.Component, Trim(text[m.Start..m.End]))).ToList();
    }

    private static bool OnlySeparators(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && text[i] is not (',' or ';' or '(' or ')' or '[' or ']' or '"'))
            {
                return false;
            }
        }

        return true;
    }
}
