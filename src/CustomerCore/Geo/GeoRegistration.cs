using CustomerCore.Geo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerCore;

public static partial class CustomerCoreServiceCollectionExtensions
{
    static partial void RegisterGeo(IServiceCollection services) => services.TryAddSingleton<ICustomerMap, CustomerMap>();
}
