using CustomerCore.Storage;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Storage;

public sealed class InMemoryCustomerStoreTests : CustomerStoreContractTests
{
    protected override Task<ICustomerStore> CreateStoreAsync() => Task.FromResult<ICustomerStore>(new InMemoryCustomerStore());
}
