using System.CommandLine;
using CustomerCore.Activities;
using CustomerCore.Customers;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>reminders due [--owner ID] [--days N] --db customers.db</c>: overdue and upcoming follow-ups.</summary>
internal sealed class RemindersCommand : ICommandModule
{
    public Command Build()
    {
        var owner = new Option<string?>("--owner") { Description = "The assignee; all when omitted." };
        var days = new Option<int>("--days") { Description = "How many days ahead count as due.", DefaultValueFactory = _ => 1 };
        var db = new Option<string>("--db") { Description = "The SQLite database file.", DefaultValueFactory = _ => "customers.db" };
        var due = new Command("due", "List overdue and due follow-up reminders.");
        due.Options.Add(owner);
        due.Options.Add(days);
        due.Options.Add(db);
        due.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var provider = ImportHost.Build(parseResult.GetValue(db)!);
            var service = provider.GetRequiredService<ICustomerService>();
            var now = TimeProvider.System.GetUtcNow();
            var window = TimeSpan.FromDays(Math.Max(0, parseResult.GetValue(days)));
            var page = await service.GetDueRemindersAsync(CallerContext.System, parseResult.GetValue(owner), now + window, new PageRequest(PageRequest.MaxPageSize), cancellationToken);
            var (overdue, upcoming) = FollowUps.SplitReminders([.. page.Items], now, window);
            var table = new Table().AddColumns("status", "due", "assignee", "customer", "title");
            foreach (var (status, list) in (ReadOnlySpan<(string, IReadOnlyList<Reminder>)>)[("overdue", overdue), ("due", upcoming)])
            {
                foreach (var r in list)
                {
                    table.AddRow(status, r.DueAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(r.AssigneeId), r.CustomerId.ToString(), Markup.Escape(r.Title));
                }
            }

            AnsiConsole.Write(table);
            return 0;
        });
        var command = new Command("reminders", "Follow-up reminders.");
        command.Subcommands.Add(due);
        return command;
    }
}
