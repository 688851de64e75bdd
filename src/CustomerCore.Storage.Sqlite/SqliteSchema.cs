using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CustomerCore.Storage.Sqlite;

/// <summary>Holds the forward-only schema migrations and applies or verifies them.</summary>
/// <remarks>Each record is stored whole as a UTF-8 JSON document (the shared stored format) next to the columns that
/// indexes need; lookup keys (phones, emails, tags) live in one <c>customer_keys</c> table and locations in an R*Tree.</remarks>
internal static class SqliteSchema
{
    /// <summary>The migrations, in order; migration i brings the schema to version i + 1. Never edit a shipped one.</summary>
    private static readonly string[] s_migrations =
    [
        """
        CREATE TABLE customers (
            rid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            version INTEGER NOT NULL,
            name_lower TEXT NOT NULL,
            owner_id TEXT,
            stage INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            doc BLOB NOT NULL);
        CREATE INDEX ix_customers_name ON customers(name_lower, id);
        CREATE INDEX ix_customers_owner ON customers(owner_id, id);
        CREATE INDEX ix_customers_stage ON customers(stage, id);
        CREATE INDEX ix_customers_updated ON customers(updated_at);
        CREATE TABLE customer_phones (rid INTEGER NOT NULL REFERENCES customers(rid) ON DELETE CASCADE, e164 TEXT NOT NULL);
        CREATE INDEX ix_phones ON customer_phones(e164);
        CREATE INDEX ix_phones_rid ON customer_phones(rid);
        CREATE TABLE customer_emails (rid INTEGER NOT NULL REFERENCES customers(rid) ON DELETE CASCADE, email TEXT NOT NULL);
        CREATE INDEX ix_emails ON customer_emails(email);
        CREATE INDEX ix_emails_rid ON customer_emails(rid);
        CREATE TABLE customer_tags (rid INTEGER NOT NULL REFERENCES customers(rid) ON DELETE CASCADE, tag TEXT NOT NULL);
        CREATE INDEX ix_tags ON customer_tags(tag);
        CREATE INDEX ix_tags_rid ON customer_tags(rid);
        CREATE VIRTUAL TABLE customer_geo USING rtree(id, min_lat, max_lat, min_lon, max_lon, +rid INTEGER, +lat REAL, +lon REAL);
        CREATE TABLE interactions (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, occurred_at INTEGER NOT NULL, doc BLOB NOT NULL);
        CREATE INDEX ix_interactions_customer ON interactions(customer_id, occurred_at, id);
        CREATE TABLE reminders (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, assignee_id TEXT NOT NULL, due_at INTEGER NOT NULL, done INTEGER NOT NULL, doc BLOB NOT NULL);
        CREATE INDEX ix_reminders_customer ON reminders(customer_id, due_at, id);
        CREATE INDEX ix_reminders_due ON reminders(done, assignee_id, due_at, id);
        CREATE TABLE transactions (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, occurred_at INTEGER NOT NULL, doc BLOB NOT NULL);
        CREATE INDEX ix_transactions_customer ON transactions(customer_id, occurred_at, id);
        """,

        // Version 2: the three child tables (each a table plus two indexes per key) become one WITHOUT ROWID table, so a
        // key costs one B-tree insert. Stale keys of replaced or deleted customers are removed through their documents.
        """
        CREATE TABLE customer_keys (kind INTEGER NOT NULL, key TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (kind, key, rid)) WITHOUT ROWID;
        INSERT OR IGNORE INTO customer_keys(kind, key, rid) SELECT 1, e164, rid FROM customer_phones;
        INSERT OR IGNORE INTO customer_keys(kind, key, rid) SELECT 2, email, rid FROM customer_emails;
        INSERT OR IGNORE INTO customer_keys(kind, key, rid) SELECT 3, tag, rid FROM customer_tags;
        DROP TABLE customer_phones;
        DROP TABLE customer_emails;
        DROP TABLE customer_tags;
        """,

        // Version 3: complaints and survey responses (the activity side stores), documents beside their query columns.
        """
        CREATE TABLE complaints (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, received_at INTEGER NOT NULL, doc BLOB NOT NULL);
        CREATE INDEX ix_complaints_owner ON complaints(owner_id, received_at, id);
        CREATE TABLE survey_responses (seq INTEGER PRIMARY KEY, responded_at INTEGER NOT NULL, doc BLOB NOT NULL);
        CREATE INDEX ix_survey_responses_time ON survey_responses(responded_at, seq);
        """,

        // Version 4: the access audit log (hash-chained; the sequence is the key, so two writers cannot both append it)
        // and the customers each entry concerns, for queries by customer.
        """
        CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, offset_min INTEGER NOT NULL, actor TEXT NOT NULL, action INTEGER NOT NULL,
            operation TEXT NOT NULL, customers TEXT NOT NULL, fields TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX ix_audit_actor ON audit_log(actor, seq);
        CREATE TABLE audit_customers (customer_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (customer_id, seq)) WITHOUT ROWID;
        """,
    ];

    /// <summary>Gets the schema version this build writes and reads.</summary>
    public static int CurrentVersion => s_migrations.Length;

    /// <summary>Brings the database to the current version, or checks it is there; returns the version found before.</summary>
    public static int Apply(SqliteConnection connection, SchemaMode mode) => Apply(connection, mode, CurrentVersion);

    /// <summary>Brings the database to <paramref name="target"/> (tests use it to build files of older versions).</summary>
    internal static int Apply(SqliteConnection connection, SchemaMode mode, int target)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL);");
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        var found = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (found > CurrentVersion)
        {
            throw new StorageException($"The database has schema version {found}, newer than this CustomerCore build supports ({CurrentVersion}). Upgrade the package.", null);
        }

        if (found >= target)
        {
            return found;
        }

        if (mode == SchemaMode.VerifyOnly)
        {
            throw new StorageException($"The database has schema version {found} but {CurrentVersion} is required, and SchemaMode is VerifyOnly. Run with SchemaMode.Migrate once.", null);
        }

        for (var v = found; v < target; v++)
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, s_migrations[v], tx);
            using var record = connection.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_version(version, applied_at) VALUES ($v, strftime('%Y-%m-%dT%H:%M:%fZ','now'));";
            record.Parameters.AddWithValue("$v", v + 1);
            record.ExecuteNonQuery();
            tx.Commit();
        }

        return found;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
