using System.CommandLine;
using System.Text;
using CustomerCore.Deduplication;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>link A.csv B.csv --map FIELD=COLUMN ... [--id-column C] --out links.csv [--pairs pairs.csv]</c>.</summary>
internal sealed class LinkCommand : ICommandModule
{
    public Command Build()
    {
        var left = new Argument<FileInfo>("left") { Description = "The first CSV file (for example existing customers)." };
        var right = new Argument<FileInfo>("right") { Description = "The second CSV file (for example an import); same columns as the first." };
        var options = DedupeCliOptions.Create();
        var command = new Command("link", "Link the rows of two CSV files; writes id,cluster_id for every row of both (a shared cluster_id is a link).");
        command.Arguments.Add(left);
        command.Arguments.Add(right);
        options.AddTo(command);
        command.SetAction((parseResult, _) =>
        {
            var settings = options.Read(parseResult);
            if (settings is null)
            {
                return Task.FromResult(2);
            }

            // Boundary: bad files and repeated ids are the user's input, so report them instead of crashing.
            try
            {
                var a = Read(parseResult.GetValue(left)!, settings, "a");
                var b = Read(parseResult.GetValue(right)!, settings, "b");
                var result = new DuplicateDetector(settings.Options).Link(a, b);
                DedupeCliOptions.WriteOutputs(result, settings);
                DedupeCliOptions.PrintSummary(a.Count + b.Count, result);
            }
            catch (ArgumentException ex)
            {
                AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{ex.Message}[/]");
                return Task.FromResult(2);
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static IReadOnlyList<DedupeRecord> Read(FileInfo file, DedupeCliOptions.Settings settings, string prefix)
    {
        using var reader = new StreamReader(file.FullName, Encoding.UTF8);
        return DedupeCsv.ReadRecords(reader, settings.Map, settings.IdColumn, prefix);
    }
}
