using Microsoft.Extensions.Options;

namespace CustomerCore.Privacy;

/// <summary>Configures field-level encryption at rest.</summary>
/// <remarks>Always encrypted: phone numbers, email addresses, street-level address parts (the one-line original, street,
/// house number, building, unit, floor, room), key-contact names and contact points, and dates of birth. Phones and emails
/// get a keyed blind index so exact lookups work. Kept in plaintext, on purpose: country, region, city, district, town,
/// postcode and admin code (region counts, maps and routing need them and they do not single out a person), tags,
/// groups, owner, stage and host attributes.</remarks>
public sealed class FieldEncryptionOptions
{
    /// <summary>Gets or sets the path of the JSON key file.</summary>
    /// <value>Required unless <see cref="KeyProvider"/> is set; default <see langword="null"/>.</value>
    public string? KeyFile { get; set; }

    /// <summary>Gets or sets a value indicating whether a missing key file is created with fresh random keys.</summary>
    /// <value>Default <see langword="false"/>: a missing file is a configuration error, so a typo never starts a new key ring.</value>
    public bool CreateKeyFileIfMissing { get; set; }

    /// <summary>Gets or sets a host-supplied key provider (e.g. over a KMS), used instead of the key file.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public IKeyProvider? KeyProvider { get; set; }

    /// <summary>Gets or sets a value indicating whether display, given and family names are encrypted.</summary>
    /// <value>Default <see langword="true"/>: a person's name is personal data under GDPR and PIPL. The cost: the stores'
    /// name index holds ciphertext, so a name-prefix search decrypts and scans every customer matching the other filters
    /// (O(n) instead of an index range). Turn it off for large organization-only data sets that search by name.</value>
    public bool EncryptNames { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether free-text notes (customer notes, interaction subjects and notes) are encrypted.</summary>
    /// <value>Default <see langword="true"/>: notes routinely quote phone numbers and addresses.</value>
    public bool EncryptNotes { get; set; } = true;

    /// <summary>Gets or sets the number of decimals geocoded locations are rounded to before they are stored, or <see langword="null"/> to keep them exact.</summary>
    /// <value>Default <see langword="null"/>: maps, spatial queries and route planning need exact points, and a point
    /// without the encrypted address is not linked to a name in the store. Set 2 (about 1 km) or 3 (about 100 m) to coarsen; rounding is lossy.</value>
    public int? LocationDecimals { get; set; }

    /// <summary>Gets or sets a value indicating whether fields that hold plaintext (written before encryption was turned on) are read as they are.</summary>
    /// <value>Default <see langword="true"/>, so an existing database keeps working until <see cref="IKeyRotationService"/>
    /// has encrypted it. Turn it off afterwards: then a plaintext value where ciphertext belongs fails with <see cref="DecryptionFailedException"/>.</value>
    public bool AcceptPlaintext { get; set; } = true;
}

/// <summary>Validates <see cref="FieldEncryptionOptions"/>, reporting every problem at once.</summary>
internal sealed class FieldEncryptionOptionsValidator : IValidateOptions<FieldEncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, FieldEncryptionOptions options)
    {
        var errors = new List<string>();
        var hasFile = !string.IsNullOrWhiteSpace(options.KeyFile);
        if (hasFile == (options.KeyProvider is not null))
        {
            errors.Add("Set exactly one of KeyFile and KeyProvider.");
        }

        if (hasFile && !options.CreateKeyFileIfMissing && !File.Exists(options.KeyFile))
        {
            errors.Add("KeyFile does not exist; create it or set CreateKeyFileIfMissing.");
        }

        if (options.LocationDecimals is < 0 or > 15)
        {
            errors.Add("LocationDecimals must be between 0 and 15, or null to keep exact locations.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
