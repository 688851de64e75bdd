using CustomerCore.Customers;

namespace CustomerCore.Access;

/// <summary>Masks or removes the personal fields a caller may not see, and keeps them unchanged on writes.</summary>
internal static class FieldMasker
{
    public const string MaskedStreet = "***";

    public static Customer Mask(Customer c, CustomerField visible)
    {
        if (visible == CustomerField.All)
        {
            return c;
        }

        return c with
        {
            GivenName = Has(visible, CustomerField.Names) ? c.GivenName : MaskName(c.GivenName),
            FamilyName = Has(visible, CustomerField.Names) ? c.FamilyName : MaskName(c.FamilyName),
            Phones = Has(visible, CustomerField.Phones) ? c.Phones : MaskPhones(c.Phones),
            Emails = Has(visible, CustomerField.Emails) ? c.Emails : MaskEmails(c.Emails),
            Addresses = Has(visible, CustomerField.Addresses) ? c.Addresses : [.. c.Addresses.Select(MaskAddress)],
            DateOfBirth = Has(visible, CustomerField.DateOfBirth) ? c.DateOfBirth : null,
            Notes = Has(visible, CustomerField.Notes) ? c.Notes : null,
            KeyContacts = Has(visible, CustomerField.KeyContacts) ? c.KeyContacts : [.. c.KeyContacts.Select(MaskContact)],
            Attributes = Has(visible, CustomerField.Attributes) ? c.Attributes : new Dictionary<string, string>(),
        };
    }

    /// <summary>Takes the fields the caller cannot see from the stored customer, so a masked read written back loses nothing.</summary>
    public static Customer KeepHidden(Customer changed, Customer stored, CustomerField visible) => visible == CustomerField.All ? changed : changed with
    {
        GivenName = Has(visible, CustomerField.Names) ? changed.GivenName : stored.GivenName,
        FamilyName = Has(visible, CustomerField.Names) ? changed.FamilyName : stored.FamilyName,
        Phones = Has(visible, CustomerField.Phones) ? changed.Phones : stored.Phones,
        Emails = Has(visible, CustomerField.Emails) ? changed.Emails : stored.Emails,
        Addresses = Has(visible, CustomerField.Addresses) ? changed.Addresses : stored.Addresses,
        DateOfBirth = Has(visible, CustomerField.DateOfBirth) ? changed.DateOfBirth : stored.DateOfBirth,
        Notes = Has(visible, CustomerField.Notes) ? changed.Notes : stored.Notes,
        KeyContacts = Has(visible, CustomerField.KeyContacts) ? changed.KeyContacts : stored.KeyContacts,
        Attributes = Has(visible, CustomerField.Attributes) ? changed.Attributes : stored.Attributes,
    };

    /// <summary>Masks a phone number as <c>138****8000</c>: the first three and last four digits stay.</summary>
    public static string MaskPhone(string raw)
    {
        Span<char> first = stackalloc char[3];
        Span<char> last = stackalloc char[4];
        var n = 0;
        foreach (var ch in raw)
        {
            if (char.IsAsciiDigit(ch))
            {
                if (n < 3)
                {
                    first[n] = ch;
                }

                last[n % 4] = ch;
                n++;
            }
        }

        if (n < 3)
        {
            return "****";
        }

        Span<char> tail = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            tail[i] = last[(n + i) % 4];
        }

        return n < 8 ? string.Concat("****", tail[2..]) : string.Concat(first, "****", tail);
    }

    /// <summary>Masks an email as <c>z***@example.com</c>: the first character and the domain stay.</summary>
    public static string MaskEmail(string raw)
    {
        var at = raw.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        var first = char.IsSurrogate(raw[0]) ? "*" : raw[0].ToString();
        return string.Concat(first, "***", raw.AsSpan(at));
    }

    private static bool Has(CustomerField visible, CustomerField field) => (visible & field) == field;

    private static string? MaskName(string? name) =>
        string.IsNullOrEmpty(name) ? name : char.IsSurrogate(name[0]) ? "*" : string.Concat(name.AsSpan(0, 1), "*");

    private static PhoneNumber[] MaskPhones(IReadOnlyList<PhoneNumber> phones) =>
        [.. phones.Select(p => p with { Raw = MaskPhone(p.Raw), E164 = null, Extension = null })];

    private static EmailAddress[] MaskEmails(IReadOnlyList<EmailAddress> emails) =>
        [.. emails.Select(e => e with { Raw = MaskEmail(e.Normalized ?? e.Raw), Normalized = null })];

    private static PostalAddress MaskAddress(PostalAddress a) => a with
    {
        Original = null,
        Street = a.Street is null ? null : MaskedStreet,
        HouseNumber = null,
        Building = null,
        Unit = null,
        Floor = null,
        Room = null,
        Postcode = null,
        Label = null,
        Location = a.Location is { } p ? new GeoPoint(Math.Round(p.Latitude, 2), Math.Round(p.Longitude, 2)) : null,
    };

    private static KeyContact MaskContact(KeyContact k) => k with
    {
        Name = MaskName(k.Name) ?? string.Empty,
        Phones = MaskPhones(k.Phones),
        Emails = MaskEmails(k.Emails),
    };
}
