using CustomerCore.Customers;
using CustomerCore.Phones;
using Microsoft.Extensions.Options;

namespace CustomerCore.Tests.Phones;

public sealed class PhoneNormalizerTests
{
    private readonly PhoneNormalizer _normalizer = new(Options.Create(new CustomerCoreOptions { DefaultRegion = "CN" }));

    [Theory]
    [InlineData("138 0013 8000", "+8613800138000", PhoneType.Mobile)]
    [InlineData("13800138000", "+8613800138000", PhoneType.Mobile)]
    [InlineData("+86 138-0013-8000", "+8613800138000", PhoneType.Mobile)]
    [InlineData("010-65529988", "+861065529988", PhoneType.Landline)]
    [InlineData("(010) 6552 9988", "+861065529988", PhoneType.Landline)]
    [InlineData("+86 10 6552 9988", "+861065529988", PhoneType.Landline)]
    [InlineData("0086 10 6552 9988", "+861065529988", PhoneType.Landline)]
    [InlineData("０１０－６５５２９９８８", "+861065529988", PhoneType.Landline)]
    [InlineData("＋８６　１３８００１３８０００", "+8613800138000", PhoneType.Mobile)]
    [InlineData("0755-86013388", "+8675586013388", PhoneType.Landline)]
    [InlineData("400-810-8888", "+864008108888", PhoneType.TollFree)]
    public void Normalize_ChineseFormats_ReturnsE164AndType(string input, string e164, PhoneType type)
    {
        var result = _normalizer.Normalize(input);

        Assert.True(result.IsSuccess, result.Error.ToString());
        Assert.Equal(e164, result.E164);
        Assert.Equal(type, result.Type);
        Assert.Equal(input, result.Raw);
        Assert.Equal("CN", result.RegionCode);
    }

    [Theory]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    [InlineData("+44 20 7946 0958", "US", "+442079460958")]
    [InlineData("030 901820", "DE", "+4930901820")]
    public void Normalize_InternationalFormats_UseGivenRegion(string input, string region, string e164)
    {
        var result = _normalizer.Normalize(input, region);

        Assert.True(result.IsSuccess, result.Error.ToString());
        Assert.Equal(e164, result.E164);
    }

    [Theory]
    [InlineData("010-65529988 转 123", "123")]
    [InlineData("010-65529988分机8", "8")]
    [InlineData("+1 415-555-2671 ext. 42", "42")]
    public void Normalize_WithExtension_SplitsExtensionFromE164(string input, string extension)
    {
        var result = _normalizer.Normalize(input, input.StartsWith("+1", StringComparison.Ordinal) ? "US" : "CN");

        Assert.True(result.IsSuccess, result.Error.ToString());
        Assert.Equal(extension, result.Extension);
        Assert.DoesNotContain("ext", result.E164, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, PhoneError.Empty)]
    [InlineData("", PhoneError.Empty)]
    [InlineData("   \t ", PhoneError.Empty)]
    [InlineData("hello world", PhoneError.NotANumber)]
    [InlineData("电话号码", PhoneError.NotANumber)]
    [InlineData("12", PhoneError.TooShort)]
    [InlineData("+999 1234 5678", PhoneError.InvalidCountryCode)]
    [InlineData("138001380001234567890", PhoneError.TooManyDigits)]
    [InlineData("1380013800", PhoneError.InvalidNumber)]
    public void Normalize_BadInput_ReturnsTypedErrorAndKeepsRaw(string? input, PhoneError error)
    {
        var result = _normalizer.Normalize(input);

        Assert.False(result.IsSuccess);
        Assert.Equal(error, result.Error);
        Assert.Null(result.E164);
        Assert.Equal(input ?? string.Empty, result.Raw);
    }

    [Fact]
    public void Normalize_TenKilobyteInput_IsRejectedAsTooLong()
    {
        var input = new string('1', 10_240);

        var result = _normalizer.Normalize(input);

        Assert.Equal(PhoneError.TooLong, result.Error);
        Assert.Same(input, result.Raw);
    }

    [Fact]
    public void Normalize_ControlCharactersInside_AreIgnored()
    {
        var result = _normalizer.Normalize("138\u0000 0013\u200B 8000\r\n");

        Assert.True(result.IsSuccess);
        Assert.Equal("+8613800138000", result.E164);
    }

    [Theory]
    [InlineData("china")]
    [InlineData("XX")]
    public void Normalize_UnknownRegion_ReturnsUnknownRegion(string region)
    {
        var result = _normalizer.Normalize("13800138000", region);

        Assert.Equal(PhoneError.UnknownRegion, result.Error);
    }

    [Fact]
    public void ToPhoneNumber_InvalidResult_KeepsRawWithoutE164()
    {
        var phone = _normalizer.Normalize("not a phone").ToPhoneNumber();

        Assert.Equal("not a phone", phone.Raw);
        Assert.Null(phone.E164);
    }
}
