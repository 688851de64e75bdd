using CustomerCore.Customers;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCore.Tests;

/// <summary>Builds the real DI graph over the in-memory store with a fake clock.</summary>
internal sealed class TestServices : IDisposable
{
    public TestServices(Action<CustomerCoreOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddCustomerCore(configure).AddInMemoryStorage();
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));

    public ServiceProvider Provider { get; }

    public ICustomerService Customers => Provider.GetRequiredService<ICustomerService>();

    public ICustomerStore Store => Provider.GetRequiredService<ICustomerStore>();

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    public void Dispose() => Provider.Dispose();
}
