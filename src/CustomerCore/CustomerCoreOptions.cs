namespace CustomerCore;

/// <summary>Holds the settings that apply across CustomerCore capabilities.</summary>
public sealed class CustomerCoreOptions
{
    /// <summary>Gets or sets the ISO 3166-1 alpha-2 region used for phone numbers written without a country code.</summary>
    /// <value>Two upper-case letters; the default is <c>CN</c>.</value>
    public string DefaultRegion { get; set; } = "CN";

    /// <summary>Gets or sets what creating a customer does when another customer already has one of its phone numbers or emails.</summary>
    /// <value>The default is <see cref="EntryDuplicateCheck.Off"/>, which stores it (imports and scans find duplicates later).</value>
    public EntryDuplicateCheck EntryDuplicateCheck { get; set; } = EntryDuplicateCheck.Off;
}

/// <summary>Says what the customer service does on entry with a record whose phone or email another customer already has.</summary>
public enum EntryDuplicateCheck
{
    /// <summary>No check: the record is stored.</summary>
    Off = 0,

    /// <summary>The record is refused as <c>PossibleDuplicate</c>, with the existing customers' ids, when a phone or email matches exactly.</summary>
    RejectExactContactMatch = 1,
}
