using CustomerCore.Customers;
using CustomerCore.Storage.Postgres;
using CustomerCore.TestSupport;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CustomerCore.Storage.Postgres.Tests;

[Collection("postgres")]
public sealed class PostgresMigrationTests(PostgresServer server)
{
    [Fact]
    public async Task Open_VersionOneSchema_MigratesKeysSoLookupsUpdatesAndDeletesWork()
    {
        var customer = Some.Customer("Migrated");
        var phone = customer.Phones[0].E164!;
        var schema = $"m{Guid.NewGuid():N}";
        await WriteVersionOneSchemaAsync(schema, customer);
        using var store = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = server.ConnectionString, Schema = schema }));

        var byPhone = await store.QueryAsync(new CustomerQuery { Phone = phone });
        var byEmail = await store.QueryAsync(new CustomerQuery { Email = customer.Emails[0].Normalized });
        var byTag = await store.QueryAsync(new CustomerQuery { Tag = customer.Tags[0] });
        var updated = await store.UpdateAsync((await store.GetAsync(customer.Id))! with { Phones = [] });
        var byOldPhone = await store.QueryAsync(new CustomerQuery { Phone = phone });
        var deleted = await store.DeleteAsync(customer.Id, updated.Version);
        var byEmailAfterDelete = await store.QueryAsync(new CustomerQuery { Email = customer.Emails[0].Normalized });

        Assert.Equal(customer.Id, Assert.Single(byPhone.Items).Id);
        Assert.Equal(customer.Id, Assert.Single(byEmail.Items).Id);
        Assert.Equal(customer.Id, Assert.Single(byTag.Items).Id);
        Assert.Empty(byOldPhone.Items);
        Assert.True(deleted);
        Assert.Empty(byEmailAfterDelete.Items);
    }

    /// <summary>Builds a schema-1 schema holding one customer and its child rows as version 1 wrote them.</summary>
    private async Task WriteVersionOneSchemaAsync(string schema, Customer customer)
    {
        var donorSchema = $"d{Guid.NewGuid():N}";
        using (var donor = new PostgresCustomerStore(Options.Create(new PostgresStorageOptions { ConnectionString = server.ConnectionString, Schema = donorSchema })))
        {
            await donor.AddAsync(customer);
        }

        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await PostgresSchema.ApplyAsync(connection, schema, apply: true, target: 1, CancellationToken.None);
        await using var write = new NpgsqlCommand($"""
            INSERT INTO {schema}.customers (id, version, name_lower, owner_id, stage, updated_at, doc)
                SELECT id, version, name_lower, owner_id, stage, updated_at, doc FROM {donorSchema}.customers;
            INSERT INTO {schema}.customer_phones (rid, e164) SELECT rid, @phone FROM {schema}.customers;
            INSERT INTO {schema}.customer_emails (rid, email) SELECT rid, @email FROM {schema}.customers;
            INSERT INTO {schema}.customer_tags (rid, tag) SELECT rid, @tag FROM {schema}.customers;
            """, connection);
        write.Parameters.AddWithValue("phone", customer.Phones[0].E164!);
        write.Parameters.AddWithValue("email", customer.Emails[0].Normalized!);
        write.Parameters.AddWithValue("tag", customer.Tags[0]);
        await write.ExecuteNonQueryAsync();
    }
}
