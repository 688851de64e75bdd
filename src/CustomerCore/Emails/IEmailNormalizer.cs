namespace CustomerCore.Emails;

/// <summary>Checks email syntax and normalizes addresses for storage and exact lookup.</summary>
public interface IEmailNormalizer
{
    /// <summary>Normalizes one email address.</summary>
    /// <param name="input">The address as typed, e.g. <c> Zhang.Wei@Example.COM </c> or with an internationalized domain.</param>
    /// <returns>The result; never throws for bad input.</returns>
    EmailResult Normalize(string? input);
}
