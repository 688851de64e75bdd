using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CustomerCore.Addresses;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>standardize FILE</c>: one address per line in, one standardized address per line out.</summary>
/// <remarks>The jsonl shape is a stable contract other tools read: exactly one object per input line, in input order,
/// blank and unparseable lines included (they come back with their reason), so line N of the output is line N of the input.</remarks>
internal sealed class StandardizeCommand : ICommandModule
{
    // Contract key for each component kind, in the order the issue lists them.
    private static readonly (AddressComponentKind Kind, string Key)[] ComponentKeys =
    [
        (AddressComponentKind.Country, "country"), (AddressComponentKind.Region, "region"), (AddressComponentKind.City, "city"),
        (AddressComponentKind.District, "district"), (AddressComponentKind.Town, "town"), (AddressComponentKind.Street, "street"),
        (AddressComponentKind.HouseNumber, "house_number"), (AddressComponentKind.Building, "building"), (AddressComponentKind.Unit, "unit"),
        (AddressComponentKind.Floor, "floor"), (AddressComponentKind.Room, "room"), (AddressComponentKind.Postcode, "postcode"),
        (AddressComponentKind.PoBox, "po_box"), (AddressComponentKind.Recipient, "recipient"),
    ];

    public Command Build()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A UTF-8 text file with one address per line; '-' reads standard input." };
        var country = new Option<string>("--country") { Description = "The country to assume: CN, US, or auto to detect it per line.", DefaultValueFactory = _ => "auto" };
        country.AcceptOnlyFromAmong("CN", "US", "auto");
        var format = new Option<string>("--format") { Description = "Output: jsonl (one JSON object per input line), csv, or table.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("jsonl", "csv", "table");
        var command = new Command("standardize", "Standardize addresses (Chinese and US/Latin-script) offline: components, formatted line, changes.") { file, country, format };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (path.Name != "-" && !path.Exists)
            {
                System.Console.Error.WriteLine($"File not found: {path.FullName}");
                return 2;
            }

            var services = new ServiceCollection();
            services.AddCustomerCore();
            using var provider = services.BuildServiceProvider();
            var standardizer = provider.GetRequiredService<IAddressStandardizer>();
            var hints = parse.GetValue(country) is "CN" or "US" ? new AddressHints { Country = parse.GetValue(country) } : null;
            using var reader = path.Name == "-" ? new StreamReader(System.Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(path.FullName, Encoding.UTF8);
            var results = ReadLines(reader).Select(line => standardizer.Standardize(line, hints));
            switch (parse.GetValue(format))
            {
                case "jsonl":
                    WriteJsonLines(results, System.Console.OpenStandardOutput());
                    break;
                case "csv":
                    WriteCsv(results, System.Console.Out);
                    break;
                default:
                    WriteTable(results);
                    break;
            }

            return 0;
        });
        return command;
    }

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static void WriteJsonLines(IEnumerable<StandardizedAddress> results, Stream output)
    {
        // Chinese stays readable (no \uXXXX escapes); the output is data for tools, not HTML.
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var buffered = new BufferedStream(output, 1 << 16);
        using var writer = new Utf8JsonWriter(buffered, options);
        foreach (var r in results)
        {
            writer.WriteStartObject();
            writer.WriteString("input", r.Input);
            writer.WriteString("country", r.CountryCode);
            writer.WriteNumber("confidence", Math.Round(r.Confidence, 2));
            writer.WriteString("formatted", r.Formatted);
            writer.WriteString("status", Snake(r.Status.ToString()));
            if (r.FailureReason != AddressFailureReason.None)
            {
                writer.WriteString("reason", Snake(r.FailureReason.ToString()));
            }

            writer.WriteStartObject("components");
            foreach (var (kind, key) in ComponentKeys)
            {
                if (r.Get(kind) is not { } c)
                {
                    continue;
                }

                writer.WriteStartObject(key);
                writer.WriteString("text", c.Text);
                writer.WriteNumber("start", c.Text is null ? -1 : c.Start);
                writer.WriteString("value", c.Value);
                writer.WriteString("code", c.Code);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("changes");
            foreach (var change in r.Changes)
            {
                writer.WriteStartObject();
                writer.WriteString("component", KeyOf(change.Component));
                writer.WriteString("kind", Snake(change.Kind.ToString()));
                writer.WriteString("from", change.From);
                writer.WriteString("to", change.To);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (r.Candidates.Count > 0)
            {
                writer.WriteStartArray("candidates");
                foreach (var candidate in r.Candidates)
                {
                    writer.WriteStartObject();
                    writer.WriteString("region", candidate.Region);
                    writer.WriteString("city", candidate.City);
                    writer.WriteString("district", candidate.District);
                    writer.WriteString("code", candidate.Code);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.Flush();
            buffered.WriteByte((byte)'\n');
            writer.Reset();
        }
    }

    private static void WriteCsv(IEnumerable<StandardizedAddress> results, TextWriter output)
    {
        using var csv = CsvWriter.Create(output, CsvWriterOptions.Default, leaveOpen: true);
        var header = new List<string?> { "input", "country_code", "confidence", "formatted" };
        header.AddRange(ComponentKeys.Select(k => k.Key));
        header.Add("code");
        header.Add("changes");
        csv.WriteRecord([.. header]);
        var row = new string?[header.Count];
        foreach (var r in results)
        {
            row[0] = r.Input;
            row[1] = r.CountryCode;
            row[2] = r.Confidence.ToString("0.00", CultureInfo.InvariantCulture);
            row[3] = r.Formatted;
            for (var i = 0; i < ComponentKeys.Length; i++)
            {
                row[4 + i] = r.Get(ComponentKeys[i].Kind)?.Value;
            }

            row[^2] = r.ToPostalAddress().AdminCode;
            row[^1] = string.Join("; ", r.Changes.Select(c => $"{KeyOf(c.Component)} {Snake(c.Kind.ToString())}: {c.From ?? "-"} -> {c.To ?? "-"}"));
            csv.WriteRecord(row);
        }
    }

    private static void WriteTable(IEnumerable<StandardizedAddress> results)
    {
        var table = new Table().AddColumns("Input", "Country", "Formatted", "Code", "Conf.", "Changes");
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.Input),
                r.CountryCode ?? "?",
                Markup.Escape(r.IsSuccess ? r.Formatted : $"({Snake(r.FailureReason.ToString())})"),
                r.ToPostalAddress().AdminCode ?? "",
                r.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", r.Changes.Select(c => $"{KeyOf(c.Component)} {Snake(c.Kind.ToString())}"))));
        }

        AnsiConsole.Write(table);
    }

    private static string KeyOf(AddressComponentKind kind) => Array.Find(ComponentKeys, k => k.Kind == kind).Key;

    // "HouseNumber" -> "house_number", "NotRecognized" -> "not_recognized".
    private static string Snake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }
}
