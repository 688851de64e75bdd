using System.CommandLine;
using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>access view --user rep-1 --role sales-rep [--team T] [--limit N] --db customers.db</c> and
/// <c>access return-stale [--days N] --db customers.db</c>.</summary>
internal sealed class AccessCommand : ICommandModule
{
    public Command Build()
    {
        var command = new Command("access", "See the customers as a given user sees them, and return stale customers to the pool.");
        command.Subcommands.Add(BuildView());
        command.Subcommands.Add(BuildReturnStale());
        return command;
    }

    private static Option<string> DbOption() => new("--db") { Description = "The SQLite database file.", DefaultValueFactory = _ => "customers.db" };

    private static Command BuildView()
    {
        var user = new Option<string>("--user") { Description = "The user id (matches customers' owner).", DefaultValueFactory = _ => "rep-1" };
        var roles = new Option<string[]>("--role") { Description = "A role: admin, manager, sales-rep, marketing, service, auditor; repeatable.", AllowMultipleArgumentsPerToken = true };
        var team = new Option<string?>("--team") { Description = "The user's team (managers see it)." };
        var limit = new Option<int>("--limit") { Description = "How many customers to list.", DefaultValueFactory = _ => 20 };
        var db = DbOption();
        var view = new Command("view", "List customers as the user sees them: filtered by ownership, masked by role.");
        view.Options.Add(user);
        view.Options.Add(roles);
        view.Options.Add(team);
        view.Options.Add(limit);
        view.Options.Add(db);
        view.SetAction(async (parseResult, cancellationToken) =>
        {
            var given = parseResult.GetValue(roles);
            var caller = new CallerContext(parseResult.GetValue(user)!, given is { Length: > 0 } ? given : [AccessRoles.SalesRep], parseResult.GetValue(team));
            await using var provider = ImportHost.Build(parseResult.GetValue(db)!);
            var service = provider.GetRequiredService<ICustomerService>();
            try
            {
                var page = await service.SearchAsync(caller, new CustomerQuery { Page = new PageRequest(Math.Clamp(parseResult.GetValue(limit), 1, PageRequest.MaxPageSize)) }, cancellationToken);
                var table = new Table().AddColumns("id", "name", "owner", "phone", "email", "street");
                foreach (var c in page.Items)
                {
                    table.AddRow(c.Id.ToString(), Markup.Escape(c.DisplayName), Markup.Escape(c.OwnerId ?? "(pool)"), Markup.Escape(c.Phones.Count > 0 ? c.Phones[0].Raw : ""),
                        Markup.Escape(c.Emails.Count > 0 ? c.Emails[0].Raw : ""), Markup.Escape(c.Addresses.Count > 0 ? c.Addresses[0].Street ?? "" : ""));
                }

                AnsiConsole.Write(table);
                return 0;
            }
            catch (AccessDeniedException ex)
            {
                System.Console.Error.WriteLine(ex.Message);
                return 3;
            }
        });
        return view;
    }

    private static Command BuildReturnStale()
    {
        var days = new Option<int>("--days") { Description = "Days without follow-up after which an owned customer returns to the pool.", DefaultValueFactory = _ => 30 };
        var db = DbOption();
        var stale = new Command("return-stale", "Return customers without a follow-up for N days to the pool (runs as the system).");
        stale.Options.Add(days);
        stale.Options.Add(db);
        stale.SetAction(async (parseResult, cancellationToken) =>
        {
            var services = new ServiceCollection();
            ImportHost.AddEncryptedSqlite(services.AddCustomerCore(), parseResult.GetValue(db)!)
                .ConfigureAccess(p => p.StaleAfterDays = Math.Max(1, parseResult.GetValue(days)));
            await using var provider = services.BuildServiceProvider();
            var returned = await provider.GetRequiredService<ICustomerPool>().ReturnStaleToPoolAsync(CallerContext.System, TimeProvider.System.GetUtcNow(), cancellationToken);
            System.Console.WriteLine($"{returned} customers returned to the pool.");
            return 0;
        });
        return stale;
    }
}
