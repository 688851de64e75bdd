using CustomerCore.Customers;
using CustomerCore.Storage.Sqlite;
using CustomerCore.TestSupport;
using Microsoft.Data.Sqlite;

namespace CustomerCore.Storage.Sqlite.Tests;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly SqliteTestDatabase _donor = new();

    public void Dispose()
    {
        _database.Dispose();
        _donor.Dispose();
    }

    [Fact]
    public async Task Open_VersionOneFile_MigratesKeysSoLookupsAndUpdatesWork()
    {
        var customer = Some.FullCustomer();
        var phone = customer.Phones.First(p => p.E164 is not null).E164!;
        var email = customer.Emails.First(e => e.Normalized is not null).Normalized!;
        var tag = customer.Tags[0];
        await WriteVersionOneFileAsync(customer, phone, email, tag);
        var store = _database.CreateStore();

        var byPhone = await store.QueryAsync(new CustomerQuery { Phone = phone });
        var byEmail = await store.QueryAsync(new CustomerQuery { Email = email });
        var byTag = await store.QueryAsync(new CustomerQuery { Tag = tag });
        var stored = (await store.GetAsync(customer.Id))!;
        await store.UpdateAsync(stored with { Phones = [] });
        var byOldPhone = await store.QueryAsync(new CustomerQuery { Phone = phone });

        Assert.Equal(customer.Id, Assert.Single(byPhone.Items).Id);
        Assert.Equal(customer.Id, Assert.Single(byEmail.Items).Id);
        Assert.Equal(customer.Id, Assert.Single(byTag.Items).Id);
        Assert.Empty(byOldPhone.Items);
        Assert.Equal(SqliteSchema.CurrentVersion, SchemaVersion());
    }

    [Fact]
    public async Task Open_VersionOneFileVerifyOnly_FailsWithoutChangingIt()
    {
        var customer = Some.Customer();
        await WriteVersionOneFileAsync(customer, "+8613800000000", "a@example.com", "vip");

        var error = await Assert.ThrowsAsync<StorageException>(() => _database.CreateStore(SchemaMode.VerifyOnly).CountAsync());

        Assert.Contains("VerifyOnly", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, SchemaVersion());
    }

    /// <summary>Builds a schema-1 file holding one customer and its index rows as version 1 wrote them.</summary>
    private async Task WriteVersionOneFileAsync(Customer customer, string phone, string email, string tag)
    {
        await _donor.CreateStore().AddAsync(customer);
        byte[] doc;
        using (var donor = new SqliteConnection($"Data Source={_donor.Path}"))
        {
            donor.Open();
            using var read = donor.CreateCommand();
            read.CommandText = "SELECT doc FROM customers;";
            doc = (byte[])read.ExecuteScalar()!;
        }

        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        SqliteSchema.Apply(connection, SchemaMode.Migrate, 1);
        using var write = connection.CreateCommand();
        write.CommandText = """
            INSERT INTO customers(rid, id, version, name_lower, owner_id, stage, updated_at, doc) VALUES (7, $id, 1, 'x', NULL, 0, 0, $doc);
            INSERT INTO customer_phones(rid, e164) VALUES (7, $phone);
            INSERT INTO customer_emails(rid, email) VALUES (7, $email);
            INSERT INTO customer_tags(rid, tag) VALUES (7, $tag);
            """;
        write.Parameters.AddWithValue("$id", customer.Id.Value.ToString("D"));
        write.Parameters.AddWithValue("$doc", doc);
        write.Parameters.AddWithValue("$phone", phone);
        write.Parameters.AddWithValue("$email", email);
        write.Parameters.AddWithValue("$tag", tag);
        write.ExecuteNonQuery();
    }

    private long SchemaVersion()
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT MAX(version) FROM schema_version;";
        return (long)read.ExecuteScalar()!;
    }
}
