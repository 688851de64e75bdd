using Microsoft.Extensions.Options;

namespace CustomerCore;

/// <summary>Reports every problem of <see cref="CustomerCoreOptions"/> at once.</summary>
internal sealed class CustomerCoreOptionsValidator : IValidateOptions<CustomerCoreOptions>
{
    public ValidateOptionsResult Validate(string? name, CustomerCoreOptions options)
    {
        var errors = new List<string>();
        if (options.DefaultRegion is not { Length: 2 } region || !char.IsAsciiLetterUpper(region[0]) || !char.IsAsciiLetterUpper(region[1]))
        {
            errors.Add("DefaultRegion must be an ISO 3166-1 alpha-2 code of two upper-case letters, such as CN or US.");
        }

        if (!Enum.IsDefined(options.EntryDuplicateCheck))
        {
            errors.Add("EntryDuplicateCheck must be Off or RejectExactContactMatch.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
