using Npgsql;

namespace CustomerCore.Storage.Postgres;

/// <summary>Holds the forward-only schema migrations; <c>{schema}</c> is replaced by the configured schema name.</summary>
/// <remarks>Records are stored whole as UTF-8 JSON in <c>bytea</c> (so NUL characters round-trip, which <c>text</c> and
/// <c>jsonb</c> refuse) beside the indexed columns. Names compare in byte order (<c>COLLATE "C"</c>) so prefix ranges
/// use the index and mean what they mean everywhere. Locations use a GiST index on <c>point</c>, built into PostgreSQL,
/// so PostGIS is not needed.</remarks>
internal static class PostgresSchema
{
    private static readonly string[] s_migrations =
    [
        """
        CREATE TABLE {schema}.customers (
            rid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id uuid NOT NULL UNIQUE,
            version bigint NOT NULL,
            name_lower text COLLATE "C" NOT NULL,
            owner_id text,
            stage int NOT NULL,
            updated_at bigint NOT NULL,
            doc bytea NOT NULL);
        CREATE INDEX ix_customers_name ON {schema}.customers (name_lower, id);
        CREATE INDEX ix_customers_owner ON {schema}.customers (owner_id, id);
        CREATE INDEX ix_customers_stage ON {schema}.customers (stage, id);
        CREATE INDEX ix_customers_updated ON {schema}.customers (updated_at);
        CREATE TABLE {schema}.customer_phones (rid bigint NOT NULL REFERENCES {schema}.customers(rid) ON DELETE CASCADE, e164 text NOT NULL);
        CREATE INDEX ix_phones ON {schema}.customer_phones (e164);
        CREATE INDEX ix_phones_rid ON {schema}.customer_phones (rid);
        CREATE TABLE {schema}.customer_emails (rid bigint NOT NULL REFERENCES {schema}.customers(rid) ON DELETE CASCADE, email text NOT NULL);
        CREATE INDEX ix_emails ON {schema}.customer_emails (email);
        CREATE INDEX ix_emails_rid ON {schema}.customer_emails (rid);
        CREATE TABLE {schema}.customer_tags (rid bigint NOT NULL REFERENCES {schema}.customers(rid) ON DELETE CASCADE, tag text NOT NULL);
        CREATE INDEX ix_tags ON {schema}.customer_tags (tag);
        CREATE INDEX ix_tags_rid ON {schema}.customer_tags (rid);
        CREATE TABLE {schema}.customer_geo (rid bigint NOT NULL REFERENCES {schema}.customers(rid) ON DELETE CASCADE, location point NOT NULL);
        CREATE INDEX ix_geo ON {schema}.customer_geo USING gist (location);
        CREATE INDEX ix_geo_rid ON {schema}.customer_geo (rid);
        CREATE TABLE {schema}.interactions (id uuid PRIMARY KEY, customer_id uuid NOT NULL, occurred_at bigint NOT NULL, doc bytea NOT NULL);
        CREATE INDEX ix_interactions_customer ON {schema}.interactions (customer_id, occurred_at, id);
        CREATE TABLE {schema}.reminders (id uuid PRIMARY KEY, customer_id uuid NOT NULL, assignee_id text NOT NULL, due_at bigint NOT NULL, done boolean NOT NULL, doc bytea NOT NULL);
        CREATE INDEX ix_reminders_customer ON {schema}.reminders (customer_id, due_at, id);
        CREATE INDEX ix_reminders_due ON {schema}.reminders (done, assignee_id, due_at, id);
        CREATE TABLE {schema}.transactions (id uuid PRIMARY KEY, customer_id uuid NOT NULL, occurred_at bigint NOT NULL, doc bytea NOT NULL);
        CREATE INDEX ix_transactions_customer ON {schema}.transactions (customer_id, occurred_at, id);
        """,

        // Version 2: one lookup-key table instead of three child tables, and no foreign keys on index rows (their per-row
        // trigger checks dominated bulk loads); the store deletes index rows itself in the same transaction.
        """
        CREATE TABLE {schema}.customer_keys (kind smallint NOT NULL, key text NOT NULL, rid bigint NOT NULL, PRIMARY KEY (kind, key, rid));
        CREATE INDEX ix_keys_rid ON {schema}.customer_keys (rid);
        INSERT INTO {schema}.customer_keys (kind, key, rid) SELECT 1, e164, rid FROM {schema}.customer_phones ON CONFLICT DO NOTHING;
        INSERT INTO {schema}.customer_keys (kind, key, rid) SELECT 2, email, rid FROM {schema}.customer_emails ON CONFLICT DO NOTHING;
        INSERT INTO {schema}.customer_keys (kind, key, rid) SELECT 3, tag, rid FROM {schema}.customer_tags ON CONFLICT DO NOTHING;
        DROP TABLE {schema}.customer_phones, {schema}.customer_emails, {schema}.customer_tags;
        ALTER TABLE {schema}.customer_geo DROP CONSTRAINT IF EXISTS customer_geo_rid_fkey;
        """,

        // Version 3: complaints and survey responses (the activity side stores), documents beside their query columns.
        """
        CREATE TABLE {schema}.complaints (id uuid PRIMARY KEY, owner_id text NOT NULL, received_at bigint NOT NULL, doc bytea NOT NULL);
        CREATE INDEX ix_complaints_owner ON {schema}.complaints (owner_id, received_at, id);
        CREATE TABLE {schema}.survey_responses (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, responded_at bigint NOT NULL, doc bytea NOT NULL);
        CREATE INDEX ix_survey_responses_time ON {schema}.survey_responses (responded_at, seq);
        """,

        // Version 4: the access audit log (hash-chained; the sequence is the key, so two writers cannot both append it).
        """
        CREATE TABLE {schema}.audit_log (seq bigint PRIMARY KEY, at bigint NOT NULL, offset_min integer NOT NULL, actor text NOT NULL, action integer NOT NULL,
            operation text NOT NULL, customers uuid[] NOT NULL, fields text NOT NULL, previous_hash text NOT NULL, hash text NOT NULL);
        CREATE INDEX ix_audit_actor ON {schema}.audit_log (actor, seq);
        CREATE INDEX ix_audit_customers ON {schema}.audit_log USING GIN (customers);
        """,

        // Version 5: bulk loads copy new customers straight into the table with row ids drawn from the identity sequence
        // (so the row id may be given), and lookup keys compare bytes (COLLATE "C"): they are only matched exactly, and a
        // linguistic collation made every index comparison a strcoll call.
        // The key table's primary key becomes a unique index, so a bulk load can drop and rebuild it like the others.
        """
        ALTER TABLE {schema}.customers ALTER COLUMN rid SET GENERATED BY DEFAULT;
        ALTER TABLE {schema}.customer_keys DROP CONSTRAINT customer_keys_pkey;
        ALTER TABLE {schema}.customer_keys ALTER COLUMN key TYPE text COLLATE "C";
        CREATE UNIQUE INDEX ux_keys ON {schema}.customer_keys (kind, key, rid);
        """,
    ];

    private static readonly string[] s_deferrableIndexes =
        ["ix_customers_name", "ix_customers_owner", "ix_customers_stage", "ix_customers_updated", "ux_keys", "ix_keys_rid", "ix_geo", "ix_geo_rid"];

    public static int CurrentVersion => s_migrations.Length;

    /// <summary>Drops the indexes a bulk load into an empty store builds once at the end instead of row by row.</summary>
    /// <remarks>The keys that keep data correct (row id, customer id) stay.</remarks>
    public static string DropDeferrableIndexes(string schema) =>
        $"DROP INDEX IF EXISTS {schema}.ix_customers_name, {schema}.ix_customers_owner, {schema}.ix_customers_stage, {schema}.ix_customers_updated, "
        + $"{schema}.ux_keys, {schema}.ix_keys_rid, {schema}.ix_geo, {schema}.ix_geo_rid;";

    /// <summary>Creates whichever of the deferrable indexes are missing (after a bulk load, or one a killed process left).</summary>
    public static string CreateDeferrableIndexes(string schema) => $"""
        CREATE INDEX IF NOT EXISTS ix_customers_name ON {schema}.customers (name_lower, id);
        CREATE INDEX IF NOT EXISTS ix_customers_owner ON {schema}.customers (owner_id, id);
        CREATE INDEX IF NOT EXISTS ix_customers_stage ON {schema}.customers (stage, id);
        CREATE INDEX IF NOT EXISTS ix_customers_updated ON {schema}.customers (updated_at);
        CREATE UNIQUE INDEX IF NOT EXISTS ux_keys ON {schema}.customer_keys (kind, key, rid);
        CREATE INDEX IF NOT EXISTS ix_keys_rid ON {schema}.customer_keys (rid);
        CREATE INDEX IF NOT EXISTS ix_geo ON {schema}.customer_geo USING gist (location);
        CREATE INDEX IF NOT EXISTS ix_geo_rid ON {schema}.customer_geo (rid);
        """;

    /// <summary>Tells whether any deferrable index is missing (a catalog read, so a healthy start takes no table lock).</summary>
    public static async Task<bool> MissingDeferrableIndexesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @s AND c.relname = ANY(@names);", connection, tx);
        command.Parameters.AddWithValue("s", schema);
        command.Parameters.AddWithValue("names", s_deferrableIndexes);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L) < s_deferrableIndexes.Length;
    }

    /// <summary>Takes the schema's migration lock for the rest of the transaction.</summary>
    public static Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock(hashtext('customercore:{schema}'));", cancellationToken);

    /// <summary>Runs SQL in the transaction.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static Task ApplyAsync(NpgsqlConnection connection, string schema, bool apply, CancellationToken cancellationToken) =>
        ApplyAsync(connection, schema, apply, CurrentVersion, cancellationToken);

    /// <summary>Brings the schema to <paramref name="target"/> (tests use it to build schemas of older versions).</summary>
    internal static async Task ApplyAsync(NpgsqlConnection connection, string schema, bool apply, int target, CancellationToken cancellationToken)
    {
        // One migrator at a time across processes: a transaction-scoped advisory lock keyed on the schema name.
        using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock(hashtext('customercore:{schema}'));", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, $"CREATE SCHEMA IF NOT EXISTS {schema}; CREATE TABLE IF NOT EXISTS {schema}.schema_version (version int NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());", cancellationToken).ConfigureAwait(false);
        using var read = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {schema}.schema_version;", connection, tx);
        var found = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (found > CurrentVersion)
        {
            throw new StorageException($"The database has schema version {found}, newer than this CustomerCore build supports ({CurrentVersion}). Upgrade the package.", null);
        }

        if (found < CurrentVersion && !apply)
        {
            throw new StorageException($"The database has schema version {found} but {CurrentVersion} is required, and ApplyMigrations is off. Run once with ApplyMigrations on.", null);
        }

        for (var v = found; v < target; v++)
        {
            await ExecuteAsync(connection, tx, s_migrations[v].Replace("{schema}", schema, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, tx, $"INSERT INTO {schema}.schema_version(version) VALUES ({v + 1});", cancellationToken).ConfigureAwait(false);
        }

        if (apply && target == CurrentVersion && await MissingDeferrableIndexesAsync(connection, tx, schema, cancellationToken).ConfigureAwait(false))
        {
            // A bulk load killed before it rebuilt its deferred indexes left them missing.
            await ExecuteAsync(connection, tx, CreateDeferrableIndexes(schema), cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
