using CustomerCore.Customers;

namespace CustomerCore.Storage;

/// <summary>Checks customer batches the same way in every store.</summary>
internal static class StoreBatch
{
    /// <summary>Throws when the batch is null, holds a null customer or holds one id twice.</summary>
    public static void Check(IReadOnlyList<Customer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var seen = new HashSet<Guid>(customers.Count);
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i] ?? throw new ArgumentException($"The batch holds a null customer at index {i}.", nameof(customers));
            if (!seen.Add(c.Id.Value))
            {
                throw new ArgumentException($"The batch holds customer {c.Id} twice.", nameof(customers));
            }
        }
    }
}
