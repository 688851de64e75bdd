using CustomerCore.Activities;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Activities;

public sealed class InMemoryActivityStoreTests : ActivityStoreContractTests
{
    protected override Task<(IComplaintStore Complaints, ISurveyStore Surveys)> CreateStoresAsync() =>
        Task.FromResult<(IComplaintStore, ISurveyStore)>((new InMemoryComplaintStore(), new InMemorySurveyStore()));
}
