using CustomerCore.Storage.Sqlite;
using CustomerCore.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CustomerCore.Storage.Sqlite.Tests;

/// <summary>Covers <see cref="SqliteStorageOptions.PageSize"/>: new files take it, existing files keep theirs, and
/// the options validator rejects sizes SQLite would silently ignore.</summary>
public sealed class SqlitePageSizeTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Open_NewFileWithDefaults_Uses16kPages()
    {
        var store = _database.CreateStore();

        await store.AddAsync(Some.Customer());

        Assert.Equal(16_384L, PageSize());
    }

    [Fact]
    public async Task Open_NewFileWith4kPages_Uses4kPagesAndAnExistingFileKeepsThem()
    {
        await Store(4096).AddAsync(Some.Customer());
        SqliteConnection.ClearAllPools();

        var reopened = Store(32_768);
        await reopened.AddAsync(Some.Customer());

        Assert.Equal(4096L, PageSize());
        Assert.Equal(2L, await reopened.CountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(512)]
    [InlineData(1000)]
    [InlineData(131_072)]
    [InlineData(-4096)]
    public void Validate_PageSizeOutOfRangeOrNotAPowerOfTwo_Fails(int pageSize)
    {
        var options = new SqliteStorageOptions { ConnectionString = "Data Source=x.db", PageSize = pageSize };

        var result = new SqliteStorageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("PageSize", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    [InlineData(65_536)]
    public void Validate_PowerOfTwoPageSize_Succeeds(int pageSize)
    {
        var options = new SqliteStorageOptions { ConnectionString = "Data Source=x.db", PageSize = pageSize };

        var result = new SqliteStorageOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded);
    }

    private SqliteCustomerStore Store(int pageSize) =>
        new(Options.Create(new SqliteStorageOptions { ConnectionString = $"Data Source={_database.Path}", PageSize = pageSize }));

    private long PageSize()
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size;";
        return (long)command.ExecuteScalar()!;
    }
}
