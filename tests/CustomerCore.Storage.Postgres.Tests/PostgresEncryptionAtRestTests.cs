using System.Text;
using CustomerCore.Customers;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerCore.Storage.Postgres.Tests;

[Collection("postgres")]
public sealed class PostgresEncryptionAtRestTests(PostgresServer server) : IDisposable
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"cc-keys-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_keyFile);

    [Fact]
    public async Task FieldEncryption_EveryTableOfTheSchema_HoldsNoPlaintextPersonalData()
    {
        var schema = $"t{Guid.NewGuid():N}";
        await using (var provider = Build(schema, encrypt: true))
        {
            await EncryptionAtRestScenario.WriteAndLookUpAsync(provider.GetRequiredService<ICustomerService>());
        }

        Assert.Empty(EncryptionAtRestScenario.FindLeaks(await DumpSchemaAsync(schema)));
    }

    [Fact]
    public async Task WithoutEncryption_TheSameDump_FindsThePlaintext()
    {
        var schema = $"t{Guid.NewGuid():N}";
        await using (var provider = Build(schema, encrypt: false))
        {
            await EncryptionAtRestScenario.WriteAndLookUpAsync(provider.GetRequiredService<ICustomerService>());
        }

        Assert.Contains("13800138000", EncryptionAtRestScenario.FindLeaks(await DumpSchemaAsync(schema)));
    }

    private ServiceProvider Build(string schema, bool encrypt)
    {
        var services = new ServiceCollection();
        var builder = services.AddCustomerCore(o => o.DefaultRegion = "CN").AddPostgresStorage(o =>
        {
            o.ConnectionString = server.ConnectionString;
            o.Schema = schema;
        });
        if (encrypt)
        {
            builder.AddFieldEncryption(o =>
            {
                o.KeyFile = _keyFile;
                o.CreateKeyFileIfMissing = true;
            });
        }

        return services.BuildServiceProvider();
    }

    // Every row of every table in the schema, as PostgreSQL's own text form of the row.
    private async Task<byte[]> DumpSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @s AND table_type = 'BASE TABLE'", connection))
        {
            list.Parameters.AddWithValue("s", schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(tables);
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"SELECT t::text FROM \"{schema}\".\"{table}\" t", connection);
            await using var reader = await dump.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
