using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore;

/// <summary>Configures CustomerCore services; provider packages add extension methods to it.</summary>
public interface ICustomerCoreBuilder
{
    /// <summary>Gets the service collection that CustomerCore registers into.</summary>
    IServiceCollection Services { get; }
}

internal sealed class CustomerCoreBuilder(IServiceCollection services) : ICustomerCoreBuilder
{
    public IServiceCollection Services { get; } = services;
}
