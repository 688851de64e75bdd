using CustomerCore.Deduplication;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerCore;

public static partial class CustomerCoreServiceCollectionExtensions
{
    static partial void RegisterDeduplication(IServiceCollection services)
    {
        services.AddOptions<DeduplicationOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeduplicationOptions>, DeduplicationOptionsValidator>());
        services.TryAddSingleton<IDuplicateDetector, DuplicateDetector>();
        services.TryAddSingleton<IMergeJournalStore, InMemoryMergeJournalStore>();
        services.TryAddSingleton<ICustomerDuplicateFinder, CustomerDuplicateFinder>();

        // Related stores are optional: a provider that stores only customers still merges them.
        services.TryAddSingleton<IMergeService>(sp => new MergeService(
            sp.GetRequiredService<ICustomerStore>(),
            sp.GetRequiredService<IMergeJournalStore>(),
            sp.GetService<IInteractionStore>(),
            sp.GetService<IReminderStore>(),
            sp.GetService<ITransactionStore>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<MergeService>>()));
    }
}
