using System.Text;
using CustomerCore.Customers;
using CustomerCore.Privacy;
using CustomerCore.Storage;

namespace CustomerCore.Tests.Privacy;

/// <summary>Builds encrypting stores over the in-memory store with known keys, and scans stored bytes for plaintext.</summary>
internal static class PrivacyKit
{
    public static readonly byte[] Key1 = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    public static readonly byte[] Key2 = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
    public static readonly byte[] IndexKey = Enumerable.Range(201, 32).Select(i => (byte)i).ToArray();

    public static InMemoryKeyProvider Keys(string keyId = "k1", byte[]? key = null) => new(keyId, key ?? Key1, IndexKey);

    public static CustomerFieldProtector Protector(IKeyProvider? keys = null, FieldEncryptionOptions? options = null)
    {
        options ??= new FieldEncryptionOptions();
        return new CustomerFieldProtector(new FieldCipher(keys ?? Keys(), options.AcceptPlaintext), options);
    }

    public static (EncryptingCustomerStore Store, InMemoryCustomerStore Raw) Store(IKeyProvider? keys = null, FieldEncryptionOptions? options = null)
    {
        var raw = new InMemoryCustomerStore();
        return (new EncryptingCustomerStore(raw, Protector(keys, options)), raw);
    }

    /// <summary>The values of <see cref="TestSupport.Some.FullCustomer"/> that must never be stored in plaintext.</summary>
    public static string[] SecretsOf(Customer c) =>
    [
        .. c.Phones.SelectMany(p => new[] { p.Raw, p.E164! }),
        .. c.Phones.Where(p => p.E164 is not null).Select(p => p.E164![1..]),
        .. c.Emails.SelectMany(e => new[] { e.Raw, e.Normalized! }),
        .. c.Addresses.SelectMany(a => new[] { a.Original, a.Street, a.HouseNumber, a.Building, a.Unit, a.Room }).OfType<string>().Where(s => s.Length >= 3),
        .. c.KeyContacts.SelectMany(k => k.Phones.Select(p => p.E164!).Append(k.Name)),
        c.DisplayName,
    ];

    /// <summary>Finds the secrets that occur in the bytes as UTF-8 or UTF-16 (little-endian) text.</summary>
    public static List<string> Leaks(byte[] bytes, IEnumerable<string> secrets)
    {
        var leaks = new List<string>();
        foreach (var s in secrets)
        {
            if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(s)) >= 0)
            {
                leaks.Add(s);
            }
        }

        return leaks;
    }
}
