using System.CommandLine;
using System.Text.Json;
using CustomerCore.Customers;
using CustomerCore.Import;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>import FILE --map FIELD=COLUMN ... --db customers.db [--dry-run] [--report report.json] [--rejects rejects.csv]</c>.</summary>
internal sealed class ImportCommand : ICommandModule
{
    public Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV or JSON-lines file (UTF-8, UTF-8 BOM or GB18030)." };
        var map = new Option<string[]>("--map") { Description = "Explicit mapping FIELD=COLUMN (fields: name, phone, email, address, company, owner, tags, externalId, notes); repeatable.", AllowMultipleArgumentsPerToken = true };
        var db = new Option<string>("--db") { Description = "The SQLite database file.", DefaultValueFactory = _ => "customers.db" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and match only; store nothing." };
        var reportPath = new Option<FileInfo?>("--report") { Description = "Write the report (total, created, updated, merged, rejected, per-reason counts) as JSON." };
        var rejectsPath = new Option<FileInfo?>("--rejects") { Description = "Write rejected rows with their reasons as CSV." };
        var jsonLines = new Option<bool>("--jsonl") { Description = "The file is JSON lines (default: by extension .jsonl/.ndjson)." };
        var command = new Command("import", "Import customers from CSV or JSON lines through the customer service.");
        command.Arguments.Add(file);
        foreach (var option in (Option[])[map, db, dryRun, reportPath, rejectsPath, jsonLines])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var input = parseResult.GetValue(file)!;
            var options = new ImportOptions { DryRun = parseResult.GetValue(dryRun) };
            foreach (var assignment in parseResult.GetValue(map) ?? [])
            {
                options.Map(assignment);
            }

            options.Format = parseResult.GetValue(jsonLines) || input.Extension is ".jsonl" or ".ndjson" ? ImportFormat.JsonLines : ImportFormat.Csv;
            await using var provider = ImportHost.Build(parseResult.GetValue(db)!);
            var rejectsFile = parseResult.GetValue(rejectsPath);
            await using var rejects = rejectsFile is null ? null : new StreamWriter(rejectsFile.FullName);
            options.Rejects = rejects;
            await using var stream = input.OpenRead();
            var report = await AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var task = ctx.AddTask("import", maxValue: Math.Max(1, input.Length));
                var progress = new Progress<ImportProgress>(p =>
                {
                    task.Description = $"{p.RowsRead:N0} rows";
                    task.Value = Math.Min(stream.Position, task.MaxValue); // bytes consumed so far, so the bar moves
                });
                var result = await provider.GetRequiredService<ICustomerImporter>().ImportAsync(CallerContext.System, stream, options, progress, cancellationToken);
                task.Value = task.MaxValue;
                return result;
            });

            var table = new Table().AddColumns("total", "created", "updated", "merged", "rejected");
            table.AddRow($"{report.Total}", $"{report.Created}", $"{report.Updated}", $"{report.Merged}", $"{report.Rejected}");
            AnsiConsole.Write(table);
            foreach (var (reason, count) in report.RejectedByReason)
            {
                AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"  {reason}: {count}");
            }

            if (parseResult.GetValue(reportPath) is { } path)
            {
                await File.WriteAllTextAsync(path.FullName, JsonSerializer.Serialize(report, ImportHost.JsonOptions), cancellationToken);
            }

            return report.IsBalanced ? 0 : 1;
        });
        return command;
    }
}

/// <summary>Builds the service provider the import, export and reminders commands share.</summary>
internal static class ImportHost
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static ServiceProvider Build(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var services = new ServiceCollection();
        var builder = services.AddCustomerCore();

        // The embedded default: the same SQLite file the demo writes, so import, export and reminders share it.
        AddEncryptedSqlite(builder, databasePath);
        return services.BuildServiceProvider();
    }

    /// <summary>Adds the SQLite file with field encryption on: phones, emails, addresses, names and notes are stored as
    /// AES-256-GCM ciphertext, keyed by <c>FILE.keys.json</c> beside the database (created on first use).</summary>
    /// <remarks>A sample keeps the key file next to the data for convenience; a real host keeps it elsewhere (or uses a KMS
    /// through <c>FieldEncryptionOptions.KeyProvider</c>), so a copied database file alone reveals nothing.</remarks>
    public static ICustomerCoreBuilder AddEncryptedSqlite(ICustomerCoreBuilder builder, string databasePath)
    {
        builder.AddSqliteStorage(o => o.ConnectionString = $"Data Source={databasePath}");
        return builder.AddFieldEncryption(o =>
        {
            o.KeyFile = KeyFileOf(databasePath);
            o.CreateKeyFileIfMissing = true;
        });
    }

    /// <summary>Gets the key file that goes with a database file.</summary>
    public static string KeyFileOf(string databasePath) => databasePath + ".keys.json";
}
