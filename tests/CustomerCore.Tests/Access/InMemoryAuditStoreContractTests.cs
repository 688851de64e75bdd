using CustomerCore.Access;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Access;

public sealed class InMemoryAuditStoreContractTests : AuditStoreContractTests
{
    protected override Task<IAuditStore> CreateStoreAsync() => Task.FromResult<IAuditStore>(new InMemoryAuditStore());
}
