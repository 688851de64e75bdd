using Microsoft.Extensions.Options;

namespace CustomerCore.Deduplication;

/// <summary>Reports every invalid <see cref="DeduplicationOptions"/> value at once.</summary>
internal sealed class DeduplicationOptionsValidator : IValidateOptions<DeduplicationOptions>
{
    public ValidateOptionsResult Validate(string? name, DeduplicationOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Errors(DeduplicationOptions options)
    {
        var errors = new List<string>();
        if (!(options.MatchThreshold is >= 0 and <= 1))
        {
            errors.Add("MatchThreshold must be between 0 and 1.");
        }

        if (!(options.ClusterThreshold is >= 0 and <= 1))
        {
            errors.Add("ClusterThreshold must be between 0 and 1.");
        }

        if (options.MaxClusterSize < 2)
        {
            errors.Add("MaxClusterSize must be at least 2.");
        }

        if (options.MaxBlockSize < 2)
        {
            errors.Add("MaxBlockSize must be at least 2.");
        }

        if (options.EmIterations is < 0 or > 200)
        {
            errors.Add("EmIterations must be between 0 and 200.");
        }

        if (options.USampleSize < 1000)
        {
            errors.Add("USampleSize must be at least 1000.");
        }

        return errors;
    }
}
