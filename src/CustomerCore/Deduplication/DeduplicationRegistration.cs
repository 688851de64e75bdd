using CustomerCore.Deduplication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomerCore;

public static partial class CustomerCoreServiceCollectionExtensions
{
    static partial void RegisterDeduplication(IServiceCollection services)
    {
        services.AddOptions<DeduplicationOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeduplicationOptions>, DeduplicationOptionsValidator>());
        services.TryAddSingleton<IDuplicateDetector, DuplicateDetector>();
    }
}
