namespace CustomerCore;

/// <summary>Holds the settings that apply across CustomerCore capabilities.</summary>
public sealed class CustomerCoreOptions
{
    /// <summary>Gets or sets the ISO 3166-1 alpha-2 region used for phone numbers written without a country code.</summary>
    /// <value>Two upper-case letters; the default is <c>CN</c>.</value>
    public string DefaultRegion { get; set; } = "CN";
}
