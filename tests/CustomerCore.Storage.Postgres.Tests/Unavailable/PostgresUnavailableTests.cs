namespace CustomerCore.Storage.Postgres.Tests;

/// <summary>Compiled instead of the real suite only on a machine without PostgreSQL and outside CI (see the project
/// file), so the summary shows the suite as skipped with its reason rather than silently passing.</summary>
public sealed class PostgresUnavailableTests
{
    [Fact(Skip = "PostgreSQL is not installed on this machine: run 'apt-get install -y postgresql' or set CUSTOMERCORE_POSTGRES to a connection string. CI installs it and always runs the whole suite.")]
    public void PostgresConformanceSuite_NeedsAServer()
    {
    }
}
