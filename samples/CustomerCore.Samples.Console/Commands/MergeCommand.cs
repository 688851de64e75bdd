using System.CommandLine;
using System.Globalization;
using CustomerCore.Customers;
using CustomerCore.Deduplication;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>merge plan|run ID ID... [--rule R] [--keep FIELD=ID]</c>, <c>merge undo JOURNAL_ID</c>, <c>merge list ID</c>, <c>merge check ID</c>; all with <c>--db customers.db</c>.</summary>
/// <remarks>The merge journal is kept next to the database in <c>DB.merges.jsonl</c>, so a merge can be undone later.</remarks>
internal sealed class MergeCommand : ICommandModule
{
    public Command Build()
    {
        var command = new Command("merge", "Merge stored customers (dry-run plan, execute, undo) and check one for duplicates.");
        command.Subcommands.Add(PlanOrRun("plan", "Show the merge plan without changing anything.", execute: false));
        command.Subcommands.Add(PlanOrRun("run", "Merge the customers into the first one and journal the merge.", execute: true));
        command.Subcommands.Add(Undo());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Check());
        return command;
    }

    private static Option<string> DbOption() => new("--db") { Description = "The SQLite database file.", DefaultValueFactory = _ => "customers.db" };

    private static Command PlanOrRun(string name, string description, bool execute)
    {
        var ids = new Argument<string[]>("ids") { Description = "The customer ids, survivor first (two or more).", Arity = ArgumentArity.OneOrMore };
        var db = DbOption();
        var rule = new Option<SurvivorshipRule>("--rule") { Description = "The default survivorship rule.", DefaultValueFactory = _ => SurvivorshipRule.MostComplete };
        var keep = new Option<string[]>("--keep") { Description = "FIELD=ID: keep this customer's value of the field (manual choice); repeatable.", AllowMultipleArgumentsPerToken = true };
        var actor = new Option<string?>("--actor") { Description = "Who merges, recorded in the journal." };
        var command = new Command(name, description);
        command.Arguments.Add(ids);
        foreach (var option in (Option[])[db, rule, keep, actor])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var customerIds = new List<CustomerId>();
            foreach (var text in parseResult.GetValue(ids) ?? [])
            {
                if (!CustomerId.TryParse(text, out var id))
                {
                    return Fail($"'{text}' is not a customer id (a GUID).");
                }

                customerIds.Add(id);
            }

            var options = new MergeOptions { DefaultRule = parseResult.GetValue(rule) };
            foreach (var choice in parseResult.GetValue(keep) ?? [])
            {
                var eq = choice.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return Fail($"'{choice}' is not FIELD=ID.");
                }

                options.ManualChoices[choice[..eq].Trim()] = choice[(eq + 1)..].Trim();
            }

            await using var provider = Host(parseResult.GetValue(db)!);
            var service = provider.GetRequiredService<IMergeService>();
            try
            {
                var planned = await service.PlanAsync(customerIds, options, cancellationToken);
                if (!planned.IsSuccess)
                {
                    return Fail($"Cannot plan: {planned.Error} ({planned.CustomerId}).");
                }

                Print(planned.Plan);
                if (!execute)
                {
                    return 0;
                }

                var result = await service.MergeAsync(planned.Plan, parseResult.GetValue(actor), cancellationToken);
                if (!result.IsSuccess)
                {
                    return Fail($"Not merged: {result.Error} ({result.CustomerId}). Nothing was changed.");
                }

                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Merged[/] {result.Journal.MergedIds.Count} customers into {result.Survivor.Id}; {result.Journal.Moved.Count} related records moved.");
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Undo with: merge undo {result.Journal.Id}");
                return 0;
            }
            catch (ArgumentException ex)
            {
                return Fail(ex.Message);
            }
        });
        return command;
    }

    private static Command Undo()
    {
        var journalId = new Argument<string>("journal-id") { Description = "The journal id printed by 'merge run'." };
        var db = DbOption();
        var command = new Command("undo", "Undo a merge: restore every merged customer exactly and move related records back.");
        command.Arguments.Add(journalId);
        command.Options.Add(db);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!MergeJournalId.TryParse(parseResult.GetValue(journalId), out var id))
            {
                return Fail("The journal id is not a GUID.");
            }

            await using var provider = Host(parseResult.GetValue(db)!);
            var result = await provider.GetRequiredService<IMergeService>().UnmergeAsync(id, cancellationToken);
            if (!result.IsSuccess)
            {
                return Fail($"Not undone: {result.Error} ({result.CustomerId}). Nothing was changed.");
            }

            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Restored[/] {result.Restored.Count} customers; {result.MovedBack} related records moved back.");
            return 0;
        });
        return command;
    }

    private static Command List() => CustomerCommand("list", "List the merges a customer took part in, newest first.", "A customer, as survivor or merged record.", async (provider, id, cancellationToken) =>
    {
        var entries = await provider.GetRequiredService<IMergeService>().ListMergesAsync(id, cancellationToken);
        var table = new Table().AddColumns("journal id", "merged at", "survivor", "merged", "moved", "state");
        foreach (var e in entries)
        {
            table.AddRow(e.Id.ToString(), e.MergedAt.ToString("u", CultureInfo.InvariantCulture), e.SurvivorId.ToString(), e.MergedIds.Count.ToString(CultureInfo.InvariantCulture), e.Moved.Count.ToString(CultureInfo.InvariantCulture), e.IsInEffect ? "in effect" : "undone");
        }

        AnsiConsole.Write(table);
        return 0;
    });

    private static Command Check() => CustomerCommand("check", "Find stored customers that are probably duplicates of one customer, with per-field explanations.", "The stored customer to check for duplicates.", async (provider, id, cancellationToken) =>
    {
        var customer = await provider.GetRequiredService<CustomerCore.Storage.ICustomerStore>().GetAsync(id, cancellationToken);
        if (customer is null)
        {
            return Fail("No customer has this id.");
        }

        var found = await provider.GetRequiredService<ICustomerDuplicateFinder>().FindDuplicatesAsync(customer, 10, cancellationToken);
        var table = new Table().AddColumns("candidate", "probability", "explanation");
        foreach (var c in found)
        {
            table.AddRow(c.Pair.RightId, c.Pair.Probability.ToString("0.000", CultureInfo.InvariantCulture), Markup.Escape(DedupeCsv.Explain(c.Pair)));
        }

        AnsiConsole.Write(table);
        return 0;
    });

    // A subcommand that takes one customer id and the database: parses both, then runs the action over a host.
    private static Command CustomerCommand(string name, string description, string argumentDescription, Func<ServiceProvider, CustomerId, CancellationToken, Task<int>> run)
    {
        var customerId = new Argument<string>("customer-id") { Description = argumentDescription };
        var db = DbOption();
        var command = new Command(name, description);
        command.Arguments.Add(customerId);
        command.Options.Add(db);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!CustomerId.TryParse(parseResult.GetValue(customerId), out var id))
            {
                return Fail("The customer id is not a GUID.");
            }

            await using var provider = Host(parseResult.GetValue(db)!);
            return await run(provider, id, cancellationToken);
        });
        return command;
    }

    private static void Print(CustomerMergePlan plan)
    {
        var table = new Table().AddColumns("field", "surviving value", "from", "rule");
        foreach (var d in plan.Decisions)
        {
            table.AddRow(Markup.Escape(d.Field), Markup.Escape(Short(d.Value)), d.FromRecordId ?? "all", d.Rule);
        }

        AnsiConsole.Write(table);
        if (plan.Discarded.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{plan.Discarded.Count} values do not survive; the merge journal keeps them.");
        }
    }

    private static string Short(string? value) => value is null ? "(none)" : value.Length <= 60 ? value : value[..57] + "...";

    private static int Fail(string message)
    {
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{message}[/]");
        return 2;
    }

    private static ServiceProvider Host(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var services = new ServiceCollection();

        // A durable journal next to the database, registered before AddCustomerCore so its in-memory default steps aside.
        services.AddSingleton<IMergeJournalStore>(new JsonLinesMergeJournalStore(databasePath + ".merges.jsonl"));
        ImportHost.AddEncryptedSqlite(services.AddCustomerCore(), databasePath); // the journal's documents are encrypted too
        return services.BuildServiceProvider();
    }
}
