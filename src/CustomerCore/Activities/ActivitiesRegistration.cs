using CustomerCore.Activities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerCore;

public static partial class CustomerCoreServiceCollectionExtensions
{
    static partial void RegisterActivities(IServiceCollection services)
    {
        // In-memory defaults; SQL providers register their own first or replace these.
        services.TryAddSingleton<IComplaintStore, InMemoryComplaintStore>();
        services.TryAddSingleton<ISurveyStore, InMemorySurveyStore>();
    }
}
