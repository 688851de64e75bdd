using CustomerCore.Storage.Sqlite;
using CustomerCore.TestSupport;
using Microsoft.Extensions.Options;

// Usage: CrashHelper <db-file> <batch-size>. Writes batches forever, printing "committed N" after each one,
// so the parent test can kill it while a batch is half written.
var store = new SqliteCustomerStore(Options.Create(new SqliteStorageOptions { ConnectionString = $"Data Source={args[0]}" }));
var batchSize = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
for (var batch = 1; ; batch++)
{
    var customers = Enumerable.Range(0, batchSize).Select(i => Some.Customer($"crash {batch}-{i}")).ToList();
    await store.UpsertBatchAsync(customers);
    Console.WriteLine($"committed {batch}");
}
