using System.Globalization;
using System.Text;
using CustomerCore.Customers;
using CustomerCore.Import;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerCore.TestSupport;

/// <summary>Imports into a non-empty store: the importer skips the contact search of rows whose phone and email no stored
/// customer holds (asking providers that can answer it for a whole chunk's keys at once), so a stored key the provider
/// misses would turn an update into a duplicate.</summary>
public abstract partial class CustomerStoreContractTests
{
    [Fact]
    public async Task Import_NonEmptyStoreKeysAcrossLookupStatements_UpdatesExactlyTheStoredOnes()
    {
        var store = await CreateStoreAsync();
        await store.UpsertBatchAsync([.. Enumerable.Range(0, 600).Select(i => Some.Customer("Stored " + i) with
        {
            Phones = i % 2 == 0 ? [new PhoneNumber { Raw = ImportPhone(i), E164 = "+86" + ImportPhone(i) }] : [],
            Emails = i % 2 == 1 ? [new EmailAddress { Raw = ImportEmail(i), Normalized = ImportEmail(i) }] : [],
            Tags = ["+86" + ImportPhone(i + 1)], // a tag that looks like a phone key must not count as one
        })]);
        var csv = new StringBuilder("name,phone,email\n");
        for (var i = 0; i < 1200; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Row {i},{ImportPhone(i)},{ImportEmail(i).ToUpperInvariant()}\n");
        }

        var services = new ServiceCollection();
        services.AddCustomerCore();
        services.Replace(ServiceDescriptor.Singleton(store));
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<ICustomerImporter>().ImportAsync(
            CallerContext.System, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), new ImportOptions { BatchSize = 700 });

        Assert.Equal(600, report.Updated);
        Assert.Equal(600, report.Created);
        Assert.Equal(1200, await store.CountAsync());
    }

    private static string ImportPhone(int i) => "139" + i.ToString("D8", CultureInfo.InvariantCulture);

    private static string ImportEmail(int i) => $"c{i}@example.com";
}
