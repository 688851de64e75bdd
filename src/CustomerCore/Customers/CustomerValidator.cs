using System.Globalization;
using CustomerCore.Emails;
using CustomerCore.Internal;
using CustomerCore.Phones;

namespace CustomerCore.Customers;

/// <summary>Validates and normalizes customer records with the phone and email normalizers.</summary>
/// <remarks>Linear in the size of the record. Contact points that normalize to the same E.164 number or email are
/// kept once (the first, with the verified flag of any copy). Invalid contact points are reported, not dropped.</remarks>
internal sealed class CustomerValidator(IPhoneNormalizer phones, IEmailNormalizer emails, TimeProvider timeProvider) : ICustomerValidator
{
    internal const int MaxNameLength = 500;
    internal const int MaxTagLength = 100;
    internal const int MaxItems = 200;
    internal const int MaxNotesLength = 4 * 1024 * 1024;
    private const int SmallListLength = 8;

    public CustomerValidationResult Validate(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var problems = new List<ValidationProblem>();

        var given = NormalizeOptionalName(customer.GivenName, nameof(Customer.GivenName), problems);
        var family = NormalizeOptionalName(customer.FamilyName, nameof(Customer.FamilyName), problems);
        var display = NameNormalizer.Normalize(customer.DisplayName);
        if (display.Length == 0)
        {
            display = ComposeName(given, family);
        }

        if (display.Length == 0)
        {
            problems.Add(new(nameof(Customer.DisplayName), ValidationCode.Required, "DisplayName is required: give a display name, or a given or family name."));
        }
        else if (display.Length > MaxNameLength)
        {
            problems.Add(new(nameof(Customer.DisplayName), ValidationCode.TooLong, $"DisplayName must be at most {MaxNameLength} characters."));
        }

        var normalizedPhones = NormalizePhones(customer.Phones, nameof(Customer.Phones), problems);
        var normalizedEmails = NormalizeEmails(customer.Emails, nameof(Customer.Emails), problems);
        var addresses = NormalizeAddresses(customer.Addresses, problems);
        var tags = NormalizeLabels(customer.Tags, nameof(Customer.Tags), problems);
        var groups = NormalizeLabels(customer.Groups, nameof(Customer.Groups), problems);
        var contacts = NormalizeContacts(customer.KeyContacts, problems);

        var owner = customer.OwnerId?.Trim();
        if (owner is { Length: 0 })
        {
            owner = null;
        }
        else if (owner is not null && (owner.Length > MaxTagLength || HasControl(owner)))
        {
            problems.Add(new(nameof(Customer.OwnerId), ValidationCode.InvalidValue, $"OwnerId must be at most {MaxTagLength} characters without control characters."));
        }

        CheckEnum(customer.Kind, nameof(Customer.Kind), problems);
        CheckEnum(customer.Stage, nameof(Customer.Stage), problems);
        CheckEnum(customer.CreditRating, nameof(Customer.CreditRating), problems);

        if (customer.DateOfBirth is { } dob)
        {
            var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
            if (dob > today || dob.Year < 1850)
            {
                problems.Add(new(nameof(Customer.DateOfBirth), ValidationCode.InvalidDate, "DateOfBirth must be between 1850-01-01 and today."));
            }
        }

        if (customer.Notes is { Length: > MaxNotesLength })
        {
            problems.Add(new(nameof(Customer.Notes), ValidationCode.TooLong, $"Notes must be at most {MaxNotesLength} characters."));
        }

        // No attributes: the shared empty map. A few (imports bring one or two): a SmallAttributeMap, about a third of a
        // dictionary's memory, which a customer waiting in an import batch keeps alive. More: a dictionary.
        var inputCount = customer.Attributes.Count;
        var small = inputCount is > 0 and <= SmallAttributeMap.MaxCount ? new KeyValuePair<string, string>[inputCount] : null;
        var large = inputCount > SmallAttributeMap.MaxCount ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
        var kept = 0;
        if (customer.Attributes is SmallAttributeMap map)
        {
            foreach (var (key, value) in map.Pairs)
            {
                AddAttribute(key, value); // what the importer builds, a million rows at a time: no enumerator object
            }
        }
        else
        {
            foreach (var (key, value) in customer.Attributes)
            {
                AddAttribute(key, value);
            }
        }

        var normalized = customer with
        {
            DisplayName = display,
            GivenName = given,
            FamilyName = family,
            Phones = normalizedPhones,
            Emails = normalizedEmails,
            Addresses = addresses,
            Tags = tags,
            Groups = groups,
            KeyContacts = contacts,
            OwnerId = owner,
            SourceChannel = string.IsNullOrWhiteSpace(customer.SourceChannel) ? null : TextFolding.Fold(customer.SourceChannel),
            Attributes = kept == 0 ? Customer.NoAttributes
                : large is not null ? large
                : new SmallAttributeMap(kept == small!.Length ? small : small[..kept]),
        };
        return new CustomerValidationResult(normalized, problems);

        void AddAttribute(string key, string? value)
        {
            var k = key.Trim();
            if (k.Length == 0 || k.Length > MaxTagLength || HasControl(k))
            {
                problems.Add(new($"{nameof(Customer.Attributes)}[{kept}]", ValidationCode.InvalidValue, $"Attribute names must be 1 to {MaxTagLength} characters without control characters."));
                return;
            }

            value ??= string.Empty;
            if (large is not null)
            {
                large[k] = value;
                kept = large.Count;
                return;
            }

            // A name seen before (after trimming) takes the later value, as a dictionary's indexer would.
            var at = SmallAttributeMap.IndexOf(small!, kept, k);
            small![at >= 0 ? at : kept++] = new(k, value);
        }
    }

    /// <summary>Tells whether a text holds a control character (what <see cref="char.IsControl(char)"/> matches), without
    /// the enumerator and delegate of <c>text.Any(char.IsControl)</c>.</summary>
    private static bool HasControl(string text) =>
        text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || text.AsSpan().ContainsAnyInRange('\u007F', '\u009F');

    private static string ComposeName(string? given, string? family)
    {
        if (given is null || family is null)
        {
            return given ?? family ?? string.Empty;
        }

        // Chinese order is family then given, without a space; Latin order is given then family.
        return TextFolding.IsHan(family[0]) ? family + given : given + " " + family;
    }

    private static string? NormalizeOptionalName(string? value, string field, List<ValidationProblem> problems)
    {
        var n = NameNormalizer.Normalize(value);
        if (n.Length > MaxNameLength)
        {
            problems.Add(new(field, ValidationCode.TooLong, $"{field} must be at most {MaxNameLength} characters."));
        }

        return n.Length == 0 ? null : n;
    }

    private static void CheckEnum<T>(T value, string field, List<ValidationProblem> problems)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add(new(field, ValidationCode.InvalidValue, $"{field} must be one of: {string.Join(", ", Enum.GetNames<T>())}."));
        }
    }

    private PhoneNumber[] NormalizePhones(IReadOnlyList<PhoneNumber> input, string field, List<ValidationProblem> problems)
    {
        if (input.Count > MaxItems)
        {
            problems.Add(new(field, ValidationCode.TooMany, $"{field} may hold at most {MaxItems} items."));
        }

        // An exact-size array, not a list: the normalized customer keeps it (one object fewer per customer for the GC to
        // copy while an import batch waits), and the duplicate map exists only when there can be duplicates.
        var result = input.Count == 0 ? [] : new PhoneNumber[input.Count];
        var count = 0;
        var seen = input.Count > 1 ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
        for (var i = 0; i < input.Count; i++)
        {
            var phone = input[i];
            if (phone is null)
            {
                problems.Add(new($"{field}[{i}]", ValidationCode.Required, $"{field}[{i}] must not be null."));
                continue;
            }

            var r = phones.Normalize(phone.Raw);
            if (!r.IsSuccess)
            {
                problems.Add(new($"{field}[{i}]", ValidationCode.InvalidPhone, $"{field}[{i}] is not a valid phone number ({r.Error})."));
                result[count++] = phone;
                continue;
            }

            // A fax given by the caller stays a fax: libphonenumber cannot tell fax lines from landlines.
            var type = phone.Type == PhoneType.Fax ? PhoneType.Fax : r.Type;
            var normalized = phone with { E164 = r.E164, Extension = r.Extension, Type = type };
            if (seen is not null)
            {
                var key = r.E164 + "x" + r.Extension;
                if (seen.TryGetValue(key, out var at))
                {
                    result[at] = result[at] with { IsVerified = result[at].IsVerified || phone.IsVerified };
                    continue;
                }

                seen[key] = count;
            }

            result[count++] = normalized;
        }

        return Trimmed(result, count);
    }

    /// <summary>Returns the first <paramref name="count"/> items: the array itself when it is full.</summary>
    private static T[] Trimmed<T>(T[] items, int count) => count == items.Length ? items : items[..count];

    private EmailAddress[] NormalizeEmails(IReadOnlyList<EmailAddress> input, string field, List<ValidationProblem> problems)
    {
        if (input.Count > MaxItems)
        {
            problems.Add(new(field, ValidationCode.TooMany, $"{field} may hold at most {MaxItems} items."));
        }

        var result = input.Count == 0 ? [] : new EmailAddress[input.Count];
        var count = 0;
        var seen = input.Count > 1 ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
        for (var i = 0; i < input.Count; i++)
        {
            var email = input[i];
            if (email is null)
            {
                problems.Add(new($"{field}[{i}]", ValidationCode.Required, $"{field}[{i}] must not be null."));
                continue;
            }

            var r = emails.Normalize(email.Raw);
            if (!r.IsSuccess)
            {
                problems.Add(new($"{field}[{i}]", ValidationCode.InvalidEmail, $"{field}[{i}] is not a valid email address ({r.Error})."));
                result[count++] = email;
                continue;
            }

            if (seen is not null)
            {
                if (seen.TryGetValue(r.Normalized, out var at))
                {
                    result[at] = result[at] with { IsVerified = result[at].IsVerified || email.IsVerified };
                    continue;
                }

                seen[r.Normalized] = count;
            }

            // An address typed in normalized form (the usual case) shares the raw string instead of keeping an equal copy.
            var normalized = string.Equals(r.Normalized, email.Raw, StringComparison.Ordinal) ? email.Raw : r.Normalized;
            result[count++] = email with { Normalized = normalized };
        }

        return Trimmed(result, count);
    }

    private static PostalAddress[] NormalizeAddresses(IReadOnlyList<PostalAddress> input, List<ValidationProblem> problems)
    {
        var result = input.Count == 0 ? [] : new PostalAddress[input.Count];
        var count = 0;
        for (var i = 0; i < input.Count; i++)
        {
            var a = input[i];
            if (a is null)
            {
                problems.Add(new($"Addresses[{i}]", ValidationCode.Required, $"Addresses[{i}] must not be null."));
                continue;
            }

            if (a.Location is { IsValid: false })
            {
                problems.Add(new($"Addresses[{i}].Location", ValidationCode.InvalidLocation, "Location must have a latitude from -90 to 90 and a longitude from -180 to 180."));
            }

            var country = a.CountryCode?.Trim().ToUpperInvariant();
            if (country is { Length: > 0 } && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
            {
                problems.Add(new($"Addresses[{i}].CountryCode", ValidationCode.InvalidValue, "CountryCode must be an ISO 3166-1 alpha-2 code such as CN or US."));
            }

            if (a.Original is { Length: > 4096 })
            {
                problems.Add(new($"Addresses[{i}].Original", ValidationCode.TooLong, "An address must be at most 4096 characters."));
            }

            // Unchanged (an already upper-case code, or none): the same record, not a copy.
            var code = country is { Length: > 0 } ? country : null;
            result[count++] = string.Equals(code, a.CountryCode, StringComparison.Ordinal) ? a : a with { CountryCode = code };
        }

        return Trimmed(result, count);
    }

    private static string[] NormalizeLabels(IReadOnlyList<string> input, string field, List<ValidationProblem> problems)
    {
        if (input.Count > MaxItems)
        {
            problems.Add(new(field, ValidationCode.TooMany, $"{field} may hold at most {MaxItems} items."));
        }

        var result = input.Count == 0 ? [] : new string[input.Count];
        var count = 0;
        // A few labels (the usual case) are compared with those kept so far; a set only pays off for longer lists.
        var seen = input.Count > SmallListLength ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < input.Count; i++)
        {
            var label = input[i] is null ? string.Empty : TextFolding.Fold(input[i]);
            if (label.Length == 0)
            {
                problems.Add(new($"{field}[{i}]", ValidationCode.Required, $"{field}[{i}] must not be blank."));
                continue;
            }

            if (label.Length > MaxTagLength)
            {
                problems.Add(new($"{field}[{i}]", ValidationCode.TooLong, $"{field}[{i}] must be at most {MaxTagLength} characters."));
                continue;
            }

            if (seen?.Add(label) ?? Array.IndexOf(result, label, 0, count) < 0)
            {
                result[count++] = label;
            }
        }

        return Trimmed(result, count);
    }

    private KeyContact[] NormalizeContacts(IReadOnlyList<KeyContact> input, List<ValidationProblem> problems)
    {
        if (input.Count == 0)
        {
            return [];
        }

        var result = new List<KeyContact>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var c = input[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"KeyContacts[{i}]");
            if (c is null)
            {
                problems.Add(new(prefix, ValidationCode.Required, $"{prefix} must not be null."));
                continue;
            }

            var name = NameNormalizer.Normalize(c.Name);
            if (name.Length == 0)
            {
                problems.Add(new(prefix + ".Name", ValidationCode.Required, $"{prefix}.Name is required."));
            }

            CheckEnum(c.Role, prefix + ".Role", problems);
            result.Add(c with
            {
                Name = name,
                Phones = NormalizePhones(c.Phones, prefix + ".Phones", problems),
                Emails = NormalizeEmails(c.Emails, prefix + ".Emails", problems),
            });
        }

        return [.. result];
    }
}
