using System.Globalization;
using System.Text;
using CustomerCore.Customers;
using CustomerCore.Import;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Storage.Sqlite.Tests;

/// <summary>Covers the store's batched contact-key lookup through the importer, which relies on it to skip searches when
/// importing into a non-empty store: a stored key it missed would turn an update into a duplicate.</summary>
public sealed class SqliteContactKeyLookupTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ImportAsync_NonEmptyStoreKeysAcrossLookupStatements_UpdatesExactlyTheStoredOnes()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddSqliteStorage(o => o.ConnectionString = $"Data Source={_database.Path}");
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<ICustomerStore>();
        await store.UpsertBatchAsync([.. Enumerable.Range(0, 600).Select(i => new Customer
        {
            Id = CustomerId.New(),
            DisplayName = "Stored " + i,
            Phones = i % 2 == 0 ? [new PhoneNumber { Raw = Phone(i), E164 = "+86" + Phone(i) }] : [],
            Emails = i % 2 == 1 ? [new EmailAddress { Raw = Email(i), Normalized = Email(i) }] : [],
            Tags = ["+86" + Phone(i + 1)], // a tag that looks like a phone key must not count as one
        })]);
        var csv = new StringBuilder("name,phone,email\n");
        for (var i = 0; i < 1200; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Row {i},{Phone(i)},{Email(i).ToUpperInvariant()}\n");
        }

        var report = await provider.GetRequiredService<ICustomerImporter>().ImportAsync(
            CallerContext.System, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new ImportOptions { BatchSize = 700 });

        Assert.Equal(600, report.Updated);
        Assert.Equal(600, report.Created);
        Assert.Equal(1200, await store.CountAsync());
    }

    private static string Phone(int i) => "139" + i.ToString("D8", CultureInfo.InvariantCulture);

    private static string Email(int i) => $"c{i}@example.com";
}
