using CustomerCore.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace CustomerCore.Storage.Sqlite.Tests;

/// <summary>A throwaway database file in the temp folder, deleted with its WAL files.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    public SqliteTestDatabase()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cc-test-{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    public SqliteCustomerStore CreateStore(SchemaMode mode = SchemaMode.Migrate) =>
        new(Options.Create(new SqliteStorageOptions { ConnectionString = $"Data Source={Path}", SchemaMode = mode }));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}
