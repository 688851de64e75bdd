using System.CommandLine;
using CustomerCore.Customers;
using CustomerCore.Import;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>export FILE --db customers.db [--jsonl] [--map FIELD=COLUMN ...]</c>.</summary>
internal sealed class ExportCommand : ICommandModule
{
    public Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "The output file." };
        var db = new Option<string>("--db") { Description = "The SQLite database file.", DefaultValueFactory = _ => "customers.db" };
        var jsonLines = new Option<bool>("--jsonl") { Description = "Write JSON lines instead of CSV." };
        var map = new Option<string[]>("--map") { Description = "Column name per field, FIELD=COLUMN; repeatable.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("export", "Export customers to CSV or JSON lines through the customer service.");
        command.Arguments.Add(file);
        command.Options.Add(db);
        command.Options.Add(jsonLines);
        command.Options.Add(map);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var mapping = new ImportOptions();
            foreach (var assignment in parseResult.GetValue(map) ?? [])
            {
                mapping.Map(assignment);
            }

            var columns = mapping.Mapping.ToDictionary(kv => kv.Key, kv => kv.Value[^1]);
            await using var provider = ImportHost.Build(parseResult.GetValue(db)!);
            await using var output = parseResult.GetValue(file)!.Create();
            var format = parseResult.GetValue(jsonLines) ? ImportFormat.JsonLines : ImportFormat.Csv;
            var count = await provider.GetRequiredService<ICustomerExporter>().ExportAsync(CallerContext.System, output, format, columns, cancellationToken);
            System.Console.WriteLine($"{count} customers exported.");
            return 0;
        });
        return command;
    }
}
