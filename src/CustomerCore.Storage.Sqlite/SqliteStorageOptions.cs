namespace CustomerCore.Storage.Sqlite;

/// <summary>Says what the SQLite store does with the schema when it opens a database.</summary>
public enum SchemaMode
{
    /// <summary>Applies missing forward migrations (the default).</summary>
    Migrate = 0,

    /// <summary>Only checks that the schema is current and fails if it is not; never changes the database.</summary>
    VerifyOnly = 1,
}

/// <summary>Configures the SQLite storage provider.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Gets or sets the connection string, e.g. <c>Data Source=customers.db</c>.</summary>
    /// <value>Required; no default.</value>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets what happens to the schema on first use.</summary>
    /// <value>The default is <see cref="SchemaMode.Migrate"/>.</value>
    public SchemaMode SchemaMode { get; set; } = SchemaMode.Migrate;

    /// <summary>Gets or sets how long a writer waits for another writer's lock before failing.</summary>
    /// <value>Between 0 and 10 minutes; the default is 30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the page size in bytes of a database file this store creates; an existing file keeps its own.</summary>
    /// <value>A power of two from 1,024 to 65,536; the default is 16,384.</value>
    /// <remarks>Measured on a shared 2-core machine (two runs each): 16 kB pages cut bulk-load CPU at 1,000,000 customers
    /// from 22.0-22.9 to 18.7-19.8 µs per customer against 4 kB, while a single-customer <c>AddAsync</c> into the loaded
    /// store takes 126-135 instead of 106-107 µs p50 (each commit writes whole pages). Choose 4,096 for stores written
    /// mostly one customer at a time.</remarks>
    public int PageSize { get; set; } = 16_384;
}
