using System.Text;
using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.TestSupport;

/// <summary>Writes customers with known personal values through an encrypting service, checks exact lookups still work,
/// and lists the plaintext a provider's raw storage must not contain (shared by the SQLite and PostgreSQL tests).</summary>
public static class EncryptionAtRestScenario
{
    /// <summary>Gets the values that must never appear in plaintext at rest (as UTF-8 text).</summary>
    public static IReadOnlyList<string> Secrets { get; } =
    [
        "13800138000", "1065529988", "zhang.wei", "example-secret.cn", "建国路88号", "张伟", "Marietta", "客户说下周付款", "1985-04-12",
    ];

    /// <summary>Creates two customers and an interaction, then searches by phone and email through the service.</summary>
    /// <param name="customers">The customer service of a host configured with field encryption.</param>
    /// <returns>The created customer ids.</returns>
    public static async Task<IReadOnlyList<CustomerId>> WriteAndLookUpAsync(ICustomerService customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var caller = CallerContext.System;
        var first = await customers.CreateAsync(caller, new Customer
        {
            Id = CustomerId.New(),
            DisplayName = "张伟",
            Phones = [new PhoneNumber { Raw = "138 0013 8000" }, new PhoneNumber { Raw = "010-65529988" }],
            Emails = [new EmailAddress { Raw = "Zhang.Wei@Example-Secret.cn" }],
            Addresses = [new PostalAddress { Original = "北京市朝阳区建国路88号", Street = "建国路", HouseNumber = "88号", Location = new GeoPoint(39.9087, 116.4605) }],
            DateOfBirth = new DateOnly(1985, 4, 12),
            Notes = "客户说下周付款",
            OwnerId = "rep-1",
        });
        Assert.True(first.IsSuccess, string.Join("; ", first.Problems));
        var second = await customers.CreateAsync(caller, new Customer
        {
            Id = CustomerId.New(),
            DisplayName = "Acme Atlanta",
            Addresses = [new PostalAddress { Original = "431 Marietta St NW Apt 5, Atlanta GA 30313" }],
            OwnerId = "rep-2",
        });
        Assert.True(second.IsSuccess, string.Join("; ", second.Problems));
        await customers.RecordInteractionAsync(caller, new Interaction
        {
            Id = InteractionId.New(), CustomerId = first.Customer.Id, Kind = InteractionKind.Call, AuthorId = "rep-1",
            OccurredAt = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), Notes = "客户说下周付款",
        });

        // Exact lookups go through the blind index and come back decrypted.
        var byPhone = await customers.SearchAsync(caller, new CustomerQuery { Phone = "+86 138-0013-8000" });
        var byEmail = await customers.SearchAsync(caller, new CustomerQuery { Email = "zhang.wei@example-secret.cn" });
        Assert.Equal("张伟", Assert.Single(byPhone.Items).DisplayName);
        Assert.Equal(first.Customer.Id, Assert.Single(byEmail.Items).Id);
        return [first.Customer.Id, second.Customer.Id];
    }

    /// <summary>Returns the secrets found in a blob of raw storage (UTF-8), so a failing test says which one leaked.</summary>
    /// <param name="raw">Bytes of a database file, or text of dumped rows encoded as UTF-8.</param>
    /// <returns>The leaked values; empty when none.</returns>
    public static IReadOnlyList<string> FindLeaks(ReadOnlySpan<byte> raw)
    {
        var leaks = new List<string>();
        foreach (var secret in Secrets)
        {
            if (raw.IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0)
            {
                leaks.Add(secret);
            }
        }

        return leaks;
    }
}
