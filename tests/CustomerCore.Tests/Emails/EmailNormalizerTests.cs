using CustomerCore.Emails;

namespace CustomerCore.Tests.Emails;

public sealed class EmailNormalizerTests
{
    private readonly EmailNormalizer _normalizer = new();

    [Theory]
    [InlineData("  Zhang.Wei@Example.COM ", "zhang.wei@example.com")]
    [InlineData("ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "zhang@example.com")]
    [InlineData("mailto:Sales@Example.org", "sales@example.org")]
    [InlineData("info@例子.中国", "info@xn--fsqu00a.xn--fiqs8s")]
    [InlineData("用户@example.com", "用户@example.com")]
    [InlineData("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    public void Normalize_ValidAddresses_ReturnsNormalizedForm(string input, string expected)
    {
        var result = _normalizer.Normalize(input);

        Assert.True(result.IsSuccess, result.Error.ToString());
        Assert.Equal(expected, result.Normalized);
        Assert.Equal(input, result.Raw);
    }

    [Theory]
    [InlineData(null, EmailError.Empty)]
    [InlineData(" ", EmailError.Empty)]
    [InlineData("no-at-sign", EmailError.MissingAt)]
    [InlineData("@example.com", EmailError.MissingAt)]
    [InlineData("user@", EmailError.MissingAt)]
    [InlineData("a@b@example.com", EmailError.InvalidLocalPart)]
    [InlineData(".user@example.com", EmailError.InvalidLocalPart)]
    [InlineData("us..er@example.com", EmailError.InvalidLocalPart)]
    [InlineData("us er@example.com", EmailError.InvalidLocalPart)]
    [InlineData("user@localhost", EmailError.InvalidDomain)]
    [InlineData("user@-example.com", EmailError.InvalidDomain)]
    [InlineData("user@example.123", EmailError.InvalidDomain)]
    [InlineData("user@exa_mple.com", EmailError.InvalidDomain)]
    public void Normalize_InvalidAddresses_ReturnsTypedError(string? input, EmailError error)
    {
        var result = _normalizer.Normalize(input);

        Assert.False(result.IsSuccess);
        Assert.Equal(error, result.Error);
        Assert.Null(result.Normalized);
    }

    [Fact]
    public void Normalize_LocalPartOver64Characters_IsInvalid()
    {
        var result = _normalizer.Normalize(new string('a', 65) + "@example.com");

        Assert.Equal(EmailError.InvalidLocalPart, result.Error);
    }

    [Fact]
    public void Normalize_TenKilobyteInput_IsTooLong()
    {
        var result = _normalizer.Normalize(new string('a', 10_000) + "@example.com");

        Assert.Equal(EmailError.TooLong, result.Error);
    }

    [Fact]
    public void Normalize_ControlCharacters_AreStripped()
    {
        var result = _normalizer.Normalize("user\u0007@exam\u200Bple.com");

        Assert.Equal("user@example.com", result.Normalized);
    }
}
