using System.Globalization;
using System.Text;
using CustomerCore.Customers;

namespace CustomerCore.Privacy;

/// <summary>Turns customers and interactions into their stored (encrypted) form and back.</summary>
/// <remarks>
/// Stored form of a customer, all strings the providers persist untouched:
/// <list type="bullet">
/// <item>names (when <see cref="FieldEncryptionOptions.EncryptNames"/>): <c>DisplayName</c> holds one ciphertext of display,
/// given and family name; <c>GivenName</c>/<c>FamilyName</c> are null;</item>
/// <item>each phone: <c>Raw</c> holds one ciphertext of raw, E.164 and extension; <c>E164</c> holds the blind index
/// (which the providers index as they index E.164), <c>Extension</c> is null;</item>
/// <item>each email: <c>Raw</c> holds a ciphertext of raw and normalized form; <c>Normalized</c> holds the blind index;</item>
/// <item>each address: <c>Original</c> holds one ciphertext of original, street, house number, building, unit, floor and
/// room, which are null; the rest stays plaintext; the location is rounded when configured;</item>
/// <item>date of birth: moved to the attribute <see cref="DateOfBirthAttribute"/> as ciphertext;</item>
/// <item>key contacts: name encrypted, phones and emails as above; notes when <see cref="FieldEncryptionOptions.EncryptNotes"/>.</item>
/// </list>
/// The associated data of each value is the record id and the field path, e.g. <c>phones/0</c>.</remarks>
internal sealed class CustomerFieldProtector
{
    /// <summary>The attribute key that carries the encrypted date of birth (the typed property cannot hold ciphertext).</summary>
    public const string DateOfBirthAttribute = "cc.enc.dob";

    private readonly FieldCipher _cipher;
    private readonly FieldEncryptionOptions _options;

    public CustomerFieldProtector(FieldCipher cipher, FieldEncryptionOptions options)
    {
        _cipher = cipher;
        _options = options;
    }

    public FieldCipher Cipher => _cipher;

    public bool EncryptNames => _options.EncryptNames;

    public bool EncryptNotes => _options.EncryptNotes;

    public Customer Protect(Customer c)
    {
        var id = c.Id.ToString();
        var attributes = c.Attributes;
        if (c.DateOfBirth is { } dob || attributes.ContainsKey(DateOfBirthAttribute))
        {
            var copy = new Dictionary<string, string>(attributes, StringComparer.Ordinal);
            copy.Remove(DateOfBirthAttribute);
            if (c.DateOfBirth is { } d)
            {
                copy[DateOfBirthAttribute] = _cipher.Encrypt(d.ToString("O", CultureInfo.InvariantCulture), id, "dob");
            }

            attributes = copy;
        }

        var names = _options.EncryptNames;
        return c with
        {
            DisplayName = names ? _cipher.Encrypt(Pack(c.DisplayName, c.GivenName, c.FamilyName), id, "name") : c.DisplayName,
            GivenName = names ? null : c.GivenName,
            FamilyName = names ? null : c.FamilyName,
            Phones = ProtectPhones(c.Phones, id, "phones/"),
            Emails = ProtectEmails(c.Emails, id, "emails/"),
            Addresses = ProtectAddresses(c.Addresses, id),
            KeyContacts = ProtectContacts(c.KeyContacts, id),
            DateOfBirth = null,
            Attributes = attributes,
            Notes = _options.EncryptNotes ? _cipher.EncryptOrNull(c.Notes, id, "notes") : c.Notes,
        };
    }

    public Customer Unprotect(Customer s, bool? acceptPlaintext = null)
    {
        var id = s.Id.ToString();
        var result = s;
        if (FieldCipher.IsEncrypted(s.DisplayName))
        {
            var names = Unpack(_cipher.Decrypt(s.DisplayName, id, "name"), 3, id, "name");
            result = result with { DisplayName = names[0] ?? string.Empty, GivenName = names[1], FamilyName = names[2] };
        }
        else if (_options.EncryptNames && !(acceptPlaintext ?? _cipher.AcceptPlaintext))
        {
            throw new DecryptionFailedException(id, "name", null, DecryptionFailure.PlaintextNotAllowed);
        }

        var attributes = s.Attributes;
        DateOnly? dob = s.DateOfBirth;
        if (attributes.TryGetValue(DateOfBirthAttribute, out var encryptedDob))
        {
            var text = _cipher.Decrypt(encryptedDob, id, "dob", acceptPlaintext);
            if (!DateOnly.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new DecryptionFailedException(id, "dob", null, DecryptionFailure.Malformed);
            }

            dob = parsed;
            var copy = new Dictionary<string, string>(attributes, StringComparer.Ordinal);
            copy.Remove(DateOfBirthAttribute);
            attributes = copy;
        }

        return result with
        {
            Phones = UnprotectPhones(s.Phones, id, "phones/", acceptPlaintext),
            Emails = UnprotectEmails(s.Emails, id, "emails/", acceptPlaintext),
            Addresses = UnprotectAddresses(s.Addresses, id, acceptPlaintext),
            KeyContacts = UnprotectContacts(s.KeyContacts, id, acceptPlaintext),
            DateOfBirth = dob,
            Attributes = attributes,
            Notes = _options.EncryptNotes || FieldCipher.IsEncrypted(s.Notes) ? _cipher.DecryptOrNull(s.Notes, id, "notes", acceptPlaintext) : s.Notes,
        };
    }

    /// <summary>Tells whether a stored customer has a value that is plaintext where ciphertext belongs, or ciphertext under an old key.</summary>
    public bool NeedsRotation(Customer s)
    {
        var key = _cipher.CurrentKeyId;
        if ((_options.EncryptNames && !FieldCipher.IsEncryptedWith(s.DisplayName, key)) || (!_options.EncryptNames && FieldCipher.IsEncrypted(s.DisplayName))
            || s.GivenName is not null && _options.EncryptNames || s.FamilyName is not null && _options.EncryptNames
            || s.DateOfBirth is not null || Stale(s.Attributes.GetValueOrDefault(DateOfBirthAttribute))
            || (_options.EncryptNotes ? Stale(s.Notes) : FieldCipher.IsEncrypted(s.Notes)))
        {
            return true;
        }

        foreach (var a in s.Addresses)
        {
            if (Stale(a.Original) || a.Street is not null || a.HouseNumber is not null || a.Building is not null || a.Unit is not null || a.Floor is not null || a.Room is not null)
            {
                return true;
            }
        }

        if (StalePhones(s.Phones) || StaleEmails(s.Emails))
        {
            return true;
        }

        foreach (var k in s.KeyContacts)
        {
            if (Stale(k.Name) || StalePhones(k.Phones) || StaleEmails(k.Emails))
            {
                return true;
            }
        }

        return false;

        bool Stale(string? value) => value is not null && !FieldCipher.IsEncryptedWith(value, key);

        bool StalePhones(IReadOnlyList<PhoneNumber> phones)
        {
            foreach (var p in phones)
            {
                if (Stale(p.Raw) || p.Extension is not null || (p.E164 is { } e && !e.StartsWith(FieldCipher.IndexPrefix, StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            return false;
        }

        bool StaleEmails(IReadOnlyList<EmailAddress> emails)
        {
            foreach (var e in emails)
            {
                if (Stale(e.Raw) || (e.Normalized is { } n && !n.StartsWith(FieldCipher.IndexPrefix, StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    public Interaction Protect(Interaction i)
    {
        if (!_options.EncryptNotes)
        {
            return i;
        }

        // Bound to the interaction id, not the customer id: merges move interactions between customers.
        var id = i.Id.ToString();
        return i with { Subject = _cipher.EncryptOrNull(i.Subject, id, "subject"), Notes = _cipher.EncryptOrNull(i.Notes, id, "notes") };
    }

    public Interaction Unprotect(Interaction s)
    {
        var id = s.Id.ToString();
        var subject = _options.EncryptNotes || FieldCipher.IsEncrypted(s.Subject) ? _cipher.DecryptOrNull(s.Subject, id, "subject") : s.Subject;
        var notes = _options.EncryptNotes || FieldCipher.IsEncrypted(s.Notes) ? _cipher.DecryptOrNull(s.Notes, id, "notes") : s.Notes;
        return s with { Subject = subject, Notes = notes };
    }

    /// <summary>Rewrites an E.164 phone of a query to its blind-index form.</summary>
    public string IndexPhone(string e164) => _cipher.BlindIndex("tel:" + e164);

    /// <summary>Rewrites a normalized email of a query to its blind-index form.</summary>
    public string IndexEmail(string normalized) => _cipher.BlindIndex("mailto:" + normalized);

    internal static string Pack(params ReadOnlySpan<string?> values)
    {
        // Length-prefixed so any character (NUL, separators, surrogates) round-trips: "<len>;<value>" or "-;" for null.
        var sb = new StringBuilder();
        foreach (var v in values)
        {
            if (v is null)
            {
                sb.Append("-;");
            }
            else
            {
                sb.Append(v.Length.ToString(CultureInfo.InvariantCulture)).Append(';').Append(v);
            }
        }

        return sb.ToString();
    }

    internal static string?[] Unpack(string packed, int count, string recordId, string fieldPath)
    {
        var values = new string?[count];
        var pos = 0;
        for (var i = 0; i < count; i++)
        {
            var semi = packed.IndexOf(';', pos);
            if (semi < 0)
            {
                throw new DecryptionFailedException(recordId, fieldPath, null, DecryptionFailure.Malformed);
            }

            var head = packed.AsSpan(pos, semi - pos);
            if (head is "-")
            {
                pos = semi + 1;
                continue;
            }

            if (!int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || semi + 1 + length > packed.Length)
            {
                throw new DecryptionFailedException(recordId, fieldPath, null, DecryptionFailure.Malformed);
            }

            values[i] = packed.Substring(semi + 1, length);
            pos = semi + 1 + length;
        }

        return values;
    }

    private PhoneNumber[] ProtectPhones(IReadOnlyList<PhoneNumber> phones, string id, string path)
    {
        var result = new PhoneNumber[phones.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var p = phones[i];
            result[i] = p with
            {
                Raw = _cipher.Encrypt(Pack(p.Raw, p.E164, p.Extension), id, path + i.ToString(CultureInfo.InvariantCulture)),
                E164 = p.E164 is null ? null : IndexPhone(p.E164),
                Extension = null,
            };
        }

        return result;
    }

    private PhoneNumber[] UnprotectPhones(IReadOnlyList<PhoneNumber> phones, string id, string path, bool? acceptPlaintext)
    {
        var result = new PhoneNumber[phones.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var p = phones[i];
            var field = path + i.ToString(CultureInfo.InvariantCulture);
            if (!FieldCipher.IsEncrypted(p.Raw))
            {
                result[i] = p with { Raw = _cipher.Decrypt(p.Raw, id, field, acceptPlaintext) };
                continue;
            }

            var v = Unpack(_cipher.Decrypt(p.Raw, id, field), 3, id, field);
            result[i] = p with { Raw = v[0] ?? string.Empty, E164 = v[1], Extension = v[2] };
        }

        return result;
    }

    private EmailAddress[] ProtectEmails(IReadOnlyList<EmailAddress> emails, string id, string path)
    {
        var result = new EmailAddress[emails.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var e = emails[i];
            result[i] = e with
            {
                Raw = _cipher.Encrypt(Pack(e.Raw, e.Normalized), id, path + i.ToString(CultureInfo.InvariantCulture)),
                Normalized = e.Normalized is null ? null : IndexEmail(e.Normalized),
            };
        }

        return result;
    }

    private EmailAddress[] UnprotectEmails(IReadOnlyList<EmailAddress> emails, string id, string path, bool? acceptPlaintext)
    {
        var result = new EmailAddress[emails.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var e = emails[i];
            var field = path + i.ToString(CultureInfo.InvariantCulture);
            if (!FieldCipher.IsEncrypted(e.Raw))
            {
                result[i] = e with { Raw = _cipher.Decrypt(e.Raw, id, field, acceptPlaintext) };
                continue;
            }

            var v = Unpack(_cipher.Decrypt(e.Raw, id, field), 2, id, field);
            result[i] = e with { Raw = v[0] ?? string.Empty, Normalized = v[1] };
        }

        return result;
    }

    private PostalAddress[] ProtectAddresses(IReadOnlyList<PostalAddress> addresses, string id)
    {
        var result = new PostalAddress[addresses.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var a = addresses[i];
            var location = a.Location;
            if (_options.LocationDecimals is { } decimals && location is { } point)
            {
                location = new GeoPoint(Math.Round(point.Latitude, decimals), Math.Round(point.Longitude, decimals));
            }

            result[i] = a with
            {
                Original = _cipher.Encrypt(Pack(a.Original, a.Street, a.HouseNumber, a.Building, a.Unit, a.Floor, a.Room), id, "addresses/" + i.ToString(CultureInfo.InvariantCulture)),
                Street = null,
                HouseNumber = null,
                Building = null,
                Unit = null,
                Floor = null,
                Room = null,
                Location = location,
            };
        }

        return result;
    }

    private PostalAddress[] UnprotectAddresses(IReadOnlyList<PostalAddress> addresses, string id, bool? acceptPlaintext)
    {
        var result = new PostalAddress[addresses.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var a = addresses[i];
            var field = "addresses/" + i.ToString(CultureInfo.InvariantCulture);
            if (!FieldCipher.IsEncrypted(a.Original))
            {
                if (!(acceptPlaintext ?? _cipher.AcceptPlaintext))
                {
                    throw new DecryptionFailedException(id, field, null, DecryptionFailure.PlaintextNotAllowed);
                }

                result[i] = a;
                continue;
            }

            var v = Unpack(_cipher.Decrypt(a.Original!, id, field), 7, id, field);
            result[i] = a with { Original = v[0], Street = v[1], HouseNumber = v[2], Building = v[3], Unit = v[4], Floor = v[5], Room = v[6] };
        }

        return result;
    }

    private KeyContact[] ProtectContacts(IReadOnlyList<KeyContact> contacts, string id)
    {
        var result = new KeyContact[contacts.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var k = contacts[i];
            var path = "contacts/" + i.ToString(CultureInfo.InvariantCulture) + "/";
            result[i] = k with
            {
                Name = _cipher.Encrypt(k.Name, id, path + "name"),
                Phones = ProtectPhones(k.Phones, id, path + "phones/"),
                Emails = ProtectEmails(k.Emails, id, path + "emails/"),
            };
        }

        return result;
    }

    private KeyContact[] UnprotectContacts(IReadOnlyList<KeyContact> contacts, string id, bool? acceptPlaintext)
    {
        var result = new KeyContact[contacts.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var k = contacts[i];
            var path = "contacts/" + i.ToString(CultureInfo.InvariantCulture) + "/";
            result[i] = k with
            {
                Name = _cipher.Decrypt(k.Name, id, path + "name", acceptPlaintext),
                Phones = UnprotectPhones(k.Phones, id, path + "phones/", acceptPlaintext),
                Emails = UnprotectEmails(k.Emails, id, path + "emails/", acceptPlaintext),
            };
        }

        return result;
    }
}
