using CustomerCore.Customers;
using Microsoft.Data.Sqlite;

namespace CustomerCore.Storage.Sqlite;

/// <summary>Writes customers and their index rows with prepared statements reused across a transaction.</summary>
/// <remarks>The stored document never carries the version (the column does). Batches go through <see cref="BulkCustomerWriter"/>.</remarks>
internal sealed class CustomerWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _tx;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _deleteChildren;
    private readonly SqliteCommand _phone;
    private readonly SqliteCommand _email;
    private readonly SqliteCommand _tag;
    private readonly SqliteCommand _geo;

    public CustomerWriter(SqliteConnection connection, SqliteTransaction tx)
    {
        _connection = connection;
        _tx = tx;
        const string Columns = "$id, $name, $owner, $stage, $updated, $doc";
        _insert = Create($"INSERT INTO customers(version, id, name_lower, owner_id, stage, updated_at, doc) VALUES (1, {Columns}) RETURNING rid;", true);
        _update = Create("UPDATE customers SET version = version + 1, name_lower = $name, owner_id = $owner, stage = $stage, updated_at = $updated, doc = $doc WHERE id = $id AND version = $v RETURNING rid;", true, withVersion: true);
        _deleteChildren = Create("DELETE FROM customer_phones WHERE rid = $rid; DELETE FROM customer_emails WHERE rid = $rid; DELETE FROM customer_tags WHERE rid = $rid; DELETE FROM customer_geo WHERE id BETWEEN $lo AND $hi;", false);
        _deleteChildren.Parameters.Add("$rid", SqliteType.Integer);
        _deleteChildren.Parameters.Add("$lo", SqliteType.Integer);
        _deleteChildren.Parameters.Add("$hi", SqliteType.Integer);
        _phone = Create("INSERT INTO customer_phones(rid, e164) VALUES ($rid, $v);", false);
        _email = Create("INSERT INTO customer_emails(rid, email) VALUES ($rid, $v);", false);
        _tag = Create("INSERT INTO customer_tags(rid, tag) VALUES ($rid, $v);", false);
        foreach (var c in new[] { _phone, _email, _tag })
        {
            c.Parameters.Add("$rid", SqliteType.Integer);
            c.Parameters.Add("$v", SqliteType.Text);
        }

        _geo = Create("INSERT INTO customer_geo(id, min_lat, max_lat, min_lon, max_lon, rid, lat, lon) VALUES ($id, $lat, $lat, $lon, $lon, $rid, $lat, $lon);", false);
        _geo.Parameters.Add("$id", SqliteType.Integer);
        _geo.Parameters.Add("$lat", SqliteType.Real);
        _geo.Parameters.Add("$lon", SqliteType.Real);
        _geo.Parameters.Add("$rid", SqliteType.Integer);
    }

    public void Insert(Customer customer)
    {
        Bind(_insert, customer);
        var rid = (long)_insert.ExecuteScalar()!;
        WriteChildren(rid, customer);
    }

    public bool Update(Customer customer)
    {
        Bind(_update, customer);
        _update.Parameters["$v"].Value = customer.Version;
        if (_update.ExecuteScalar() is not long rid)
        {
            return false;
        }

        DeleteChildren(rid);
        WriteChildren(rid, customer);
        return true;
    }

    public void Dispose()
    {
        foreach (var c in new[] { _insert, _update, _deleteChildren, _phone, _email, _tag, _geo })
        {
            c.Dispose();
        }
    }

    private SqliteCommand Create(string sql, bool customerColumns, bool withVersion = false)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _tx;
        command.CommandText = sql;
        if (customerColumns)
        {
            command.Parameters.Add("$id", SqliteType.Text);
            command.Parameters.Add("$name", SqliteType.Text);
            command.Parameters.Add("$owner", SqliteType.Text);
            command.Parameters.Add("$stage", SqliteType.Integer);
            command.Parameters.Add("$updated", SqliteType.Integer);
            command.Parameters.Add("$doc", SqliteType.Blob);
        }

        if (withVersion)
        {
            command.Parameters.Add("$v", SqliteType.Integer);
        }

        return command;
    }

    private static void Bind(SqliteCommand command, Customer customer)
    {
        var p = command.Parameters;
        p["$id"].Value = SqliteCustomerStore.Key(customer.Id.Value);
        p["$name"].Value = SqliteCustomerStore.LowerName(customer.DisplayName);
        p["$owner"].Value = (object?)customer.OwnerId ?? DBNull.Value;
        p["$stage"].Value = (int)customer.Stage;
        p["$updated"].Value = customer.UpdatedAt.UtcTicks;
        p["$doc"].Value = StorageJson.Serialize(customer with { Version = 0 });
    }

    private void DeleteChildren(long rid)
    {
        _deleteChildren.Parameters["$rid"].Value = rid;
        _deleteChildren.Parameters["$lo"].Value = SqliteCustomerStore.LocationId(rid, 0);
        _deleteChildren.Parameters["$hi"].Value = SqliteCustomerStore.LocationId(rid, SqliteCustomerStore.MaxLocations - 1);
        _deleteChildren.ExecuteNonQuery();
    }

    private void WriteChildren(long rid, Customer customer)
    {
        foreach (var phone in customer.Phones)
        {
            if (phone.E164 is { } e164)
            {
                Exec(_phone, rid, e164);
            }
        }

        foreach (var email in customer.Emails)
        {
            if (email.Normalized is { } normalized)
            {
                Exec(_email, rid, normalized);
            }
        }

        foreach (var tag in customer.Tags)
        {
            Exec(_tag, rid, tag);
        }

        var index = 0;
        foreach (var address in customer.Addresses)
        {
            if (address.Location is { IsValid: true } point && index < SqliteCustomerStore.MaxLocations)
            {
                _geo.Parameters["$id"].Value = SqliteCustomerStore.LocationId(rid, index++);
                _geo.Parameters["$lat"].Value = point.Latitude;
                _geo.Parameters["$lon"].Value = point.Longitude;
                _geo.Parameters["$rid"].Value = rid;
                _geo.ExecuteNonQuery();
            }
        }
    }

    private static void Exec(SqliteCommand command, long rid, string value)
    {
        command.Parameters["$rid"].Value = rid;
        command.Parameters["$v"].Value = value;
        command.ExecuteNonQuery();
    }
}
