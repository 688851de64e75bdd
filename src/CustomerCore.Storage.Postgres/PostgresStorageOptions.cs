using Microsoft.Extensions.Options;
using Npgsql;

namespace CustomerCore.Storage.Postgres;

/// <summary>Configures the PostgreSQL storage provider.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>Gets or sets the Npgsql connection string, e.g. <c>Host=db;Database=crm;Username=app;Password=...</c>.</summary>
    /// <value>Required; no default.</value>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the schema that holds the tables.</summary>
    /// <value>A plain identifier; the default is <c>customercore</c>.</value>
    public string Schema { get; set; } = "customercore";

    /// <summary>Gets or sets a value indicating whether missing migrations are applied on first use (otherwise only verified).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ApplyMigrations { get; set; } = true;
}

/// <summary>Reports every problem of <see cref="PostgresStorageOptions"/> at once.</summary>
internal sealed class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("ConnectionString is required, e.g. \"Host=localhost;Database=crm;Username=app\".");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException e)
            {
                errors.Add("ConnectionString is not a valid Npgsql connection string: " + e.Message);
            }
        }

        if (string.IsNullOrEmpty(options.Schema) || options.Schema.Length > 63 || !char.IsAsciiLetterLower(options.Schema[0]) || !options.Schema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            errors.Add("Schema must be 1 to 63 characters of lower-case letters, digits and underscores, starting with a letter.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
