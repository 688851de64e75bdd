using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CustomerCore.Storage.Sqlite;

/// <summary>Reports every problem of <see cref="SqliteStorageOptions"/> at once.</summary>
internal sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("ConnectionString is required, e.g. \"Data Source=customers.db\".");
        }
        else
        {
            try
            {
                _ = new SqliteConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException e)
            {
                errors.Add("ConnectionString is not a valid SQLite connection string: " + e.Message);
            }
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add("BusyTimeout must be between 0 and 10 minutes.");
        }

        if (options.PageSize is < 1024 or > 65536 || !int.IsPow2(options.PageSize))
        {
            errors.Add("PageSize must be a power of two from 1024 to 65536.");
        }

        if (!Enum.IsDefined(options.SchemaMode))
        {
            errors.Add("SchemaMode must be Migrate or VerifyOnly.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
