using CustomerCore.Customers;
using CustomerCore.Storage;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Storage;

public sealed class StorageJsonTests
{
    [Fact]
    public void Customer_FullRecordWithHostileStrings_RoundTripsEveryField()
    {
        var customer = Some.FullCustomer() with { DisplayName = "nul\0 and pair \ud834\udd1e surrogate", Version = 3 };

        var back = StorageJson.Deserialize<Customer>(StorageJson.Serialize(customer));

        CustomerAssert.Equal(customer, back, ignoreVersion: false);
        Assert.Equal(customer.DisplayName, back.DisplayName, StringComparer.Ordinal);
    }

    [Fact]
    public void Transaction_DecimalScale_IsKept()
    {
        var t = Some.Transaction(CustomerId.New(), DateTimeOffset.UnixEpoch, 10.50m);

        var back = StorageJson.Deserialize<CustomerTransaction>(StorageJson.Serialize(t));

        Assert.Equal("10.50", back.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
