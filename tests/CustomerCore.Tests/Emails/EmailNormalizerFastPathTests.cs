using CustomerCore.Emails;

namespace CustomerCore.Tests.Emails;

/// <summary>Checks that the ASCII-domain fast path gives exactly what IdnMapping gives.</summary>
public sealed class EmailNormalizerFastPathTests
{
    [Theory]
    [InlineData("user@Example.COM")]
    [InlineData("user@xn--fsqu00a.com")]
    [InlineData("user@xn--broken-.com")]
    [InlineData("user@xn--.com")]
    [InlineData("user@ab--cd.com")]
    [InlineData("user@a-.com")]
    [InlineData("user@-a.com")]
    [InlineData("user@a..com")]
    [InlineData("user@.com")]
    [InlineData("user@com")]
    [InlineData("user@example.123")]
    [InlineData("user@例子.中国")]
    [InlineData("user@bücher.de")]
    [InlineData("user@exa_mple.com")]
    [InlineData("user@exa mple.com")]
    [InlineData("user@exa\u0007mple.com")]
    public void Normalize_EdgeDomains_FastPathSameAsIdnMapping(string input)
    {
        var slow = Parts(EmailNormalizer.Normalize(input, asciiFastPath: false));

        var fast = Parts(EmailNormalizer.Normalize(input, asciiFastPath: true));

        Assert.Equal(slow, fast);
    }

    [Fact]
    public void Normalize_LongLabelsAndNames_FastPathSameAsIdnMapping()
    {
        string[] inputs =
        [
            "user@" + new string('a', 63) + ".com",
            "user@" + new string('a', 64) + ".com",
            "u@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com",
            "u@" + string.Join('.', Enumerable.Repeat(new string('c', 63), 5)),
            "user@" + new string('d', 10_000) + ".com",
        ];

        foreach (var input in inputs)
        {
            Assert.Equal(Parts(EmailNormalizer.Normalize(input, asciiFastPath: false)), Parts(EmailNormalizer.Normalize(input, asciiFastPath: true)));
        }
    }

    [Fact]
    public void Normalize_RandomAddresses_FastPathSameAsIdnMapping()
    {
        // Domains drawn mostly from the fast path's alphabet, with hyphens, dots and x/n (punycode look-alikes) overweighted,
        // plus some characters that must take the slow path.
        const string Ascii = "abcdxnXNZ019--..";
        const string Other = "_ é例ｅ\u0007";
        var random = new Random(20261123);
        var fastPathCases = 0;
        var plainAscii = 0;

        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(1, 24);
            var domain = new char[length];
            for (var k = 0; k < length; k++)
            {
                domain[k] = random.Next(50) == 0 ? Other[random.Next(Other.Length)] : Ascii[random.Next(Ascii.Length)];
            }

            // Half the cases end in a plain top-level domain, so that many are valid.
            var input = "Name" + random.Next(100) + "@" + new string(domain) + (i % 2 == 0 ? ".Com" : string.Empty);
            var slow = EmailNormalizer.Normalize(input, asciiFastPath: false);
            var fast = EmailNormalizer.Normalize(input, asciiFastPath: true);
            Assert.True(Parts(slow) == Parts(fast), $"case {i}: slow {slow.Error}/{slow.Normalized}, fast {fast.Error}/{fast.Normalized}");
            fastPathCases += slow.IsSuccess && new string(domain).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? 1 : 0;
            plainAscii += new string(domain).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? 1 : 0;
        }

        Assert.True(fastPathCases > 1000 && plainAscii > 5000, $"only {fastPathCases} valid and {plainAscii} all-ASCII domains were generated");
    }

    private static (string Raw, EmailError Error, string? Normalized) Parts(EmailResult result) => (result.Raw, result.Error, result.Normalized);
}
