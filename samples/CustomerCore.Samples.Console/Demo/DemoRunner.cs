using System.Globalization;
using CustomerCore.Customers;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Demo;

/// <summary>Runs the demo pipeline; each stage calls one library capability through the service layer.</summary>
internal sealed class DemoRunner(FileInfo database, DirectoryInfo output, int customerCount, int seed)
{
    private static readonly CallerContext s_importer = new("demo-import", ["admin"]);
    private static readonly DateOnly s_asOf = new(2025, 6, 30);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        output.Create();
        if (database.Exists)
        {
            database.Delete();
        }

        // 1. Register: the same DI chain as the README.
        var services = new ServiceCollection();
        services.AddCustomerCore(o => o.DefaultRegion = "CN").AddInMemoryStorage();
        await using var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerService>();

        // 2. Generate a realistic data set with duplicates, dirty addresses and purchases.
        var (rows, purchases) = DemoDataGenerator.Generate(customerCount, seed, s_asOf);
        AnsiConsole.MarkupLine($"[bold]CustomerCore demo[/]: {rows.Count:N0} customer rows ({rows.Count(r => r.IsDuplicate):N0} hidden duplicates), {purchases.Count:N0} purchases.");

        // 3. Import through the service: validation and normalization on entry.
        var imported = new Dictionary<string, CustomerId>(StringComparer.Ordinal);
        var rejected = 0;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("Importing customers", maxValue: rows.Count);
            foreach (var row in rows)
            {
                var result = await customers.CreateAsync(s_importer, ToCustomer(row), cancellationToken);
                if (result.IsSuccess)
                {
                    imported.TryAdd(row.EntityId, result.Customer.Id);
                }
                else
                {
                    rejected++;
                }

                task.Increment(1);
            }
        });

        var table = new Table().AddColumns("Stage", "Result");
        table.AddRow("Import", string.Create(CultureInfo.InvariantCulture, $"{rows.Count - rejected:N0} stored, {rejected:N0} rejected"));
        AnsiConsole.Write(table);
        return 0;
    }

    private static Customer ToCustomer(DemoRow row) => new()
    {
        Id = CustomerId.New(),
        Kind = row.Company is null ? CustomerKind.Person : CustomerKind.Organization,
        DisplayName = row.Company ?? row.Name,
        Phones = [new PhoneNumber { Raw = row.Phone }],
        Emails = row.Email is null ? [] : [new EmailAddress { Raw = row.Email }],
        Addresses = [new PostalAddress { Original = row.Address, Location = new GeoPoint(row.Latitude, row.Longitude) }],
        OwnerId = row.Owner,
        SourceChannel = "demo",
        KeyContacts = row.Company is null ? [] : [new KeyContact { Name = row.Name, Role = DecisionRole.DecisionMaker }],
    };
}
