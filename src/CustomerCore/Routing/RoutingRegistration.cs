using CustomerCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerCore;

public static partial class CustomerCoreServiceCollectionExtensions
{
    static partial void RegisterRouting(IServiceCollection services)
    {
        services.AddOptions<RoutingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>());
        services.TryAddSingleton<IDistanceMatrixProvider, GreatCircleDistanceProvider>();
        services.TryAddSingleton<IRoutePlanner, RoutePlanner>();
    }
}
