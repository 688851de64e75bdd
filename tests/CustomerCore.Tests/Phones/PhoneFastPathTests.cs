using System.Globalization;
using CsCheck;
using CustomerCore.Phones;
using Microsoft.Extensions.Options;

namespace CustomerCore.Tests.Phones;

/// <summary>The fast path must give exactly libphonenumber's result, or decline.</summary>
public sealed class PhoneFastPathTests
{
    private const int Iterations = 3_000;
    private readonly PhoneNormalizer _normalizer = new(Options.Create(new CustomerCoreOptions { DefaultRegion = "CN" }));

    private static readonly Gen<string> s_cnMobile =
        Gen.Select(Gen.Int[3, 9], Gen.Long[0, 999_999_999], Pick("", "+86", "+86 ", "+86-", "0086", "0086 ", "86"), Gen.Int[0, 2],
            (second, rest, prefix, style) =>
            {
                var digits = "1" + second.ToString(CultureInfo.InvariantCulture) + rest.ToString("D9", CultureInfo.InvariantCulture);
                var body = style switch
                {
                    0 => digits,
                    1 => $"{digits[..3]} {digits[3..7]} {digits[7..]}",
                    _ => $"{digits[..3]}-{digits[3..7]}-{digits[7..]}",
                };
                return prefix + body;
            });

    private static readonly Gen<string> s_cnLandline =
        Gen.Select(Pick("10", "20", "21", "22", "23", "24", "25", "27", "28", "29", "311", "351", "371", "431", "451", "471", "512", "531", "571", "591", "731", "755", "757", "769", "871", "898", "991"),
            Gen.Int[0, 1], Gen.Long[0, 99_999_999], Pick("0", "+86 ", "+86 0", "0086 "), Pick("-", " ", ""),
            (area, eight, local, prefix, separator) =>
            {
                var subscriber = eight == 1 || area.Length == 2 ? local.ToString("D8", CultureInfo.InvariantCulture) : (local % 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
                return prefix + area + separator + subscriber;
            });

    private static readonly Gen<string> s_e164 =
        Gen.Select(Pick("86", "1", "44", "49", "33", "81", "82", "852", "853", "886", "65", "61", "7", "39", "91"),
            Gen.Int[1, 9], Gen.Long[0, 99_999_999_999], Gen.Int[5, 11], Gen.Bool,
            (cc, first, rest, length, spaced) =>
            {
                var national = first.ToString(CultureInfo.InvariantCulture) + rest.ToString(CultureInfo.InvariantCulture).PadLeft(11, '0')[..length];
                return spaced ? $"+{cc} {national[..3]} {national[3..]}" : "+" + cc + national;
            });

    private static readonly Gen<(string Raw, string Region)> s_national =
        Gen.Select(Pick("CN", "US", "GB", "DE", "JP", "HK", "CA", "AU", "FR"), Gen.Int[0, 9], Gen.Long[0, 99_999_999_999], Gen.Int[4, 12],
            (region, first, rest, length) => (first.ToString(CultureInfo.InvariantCulture) + rest.ToString(CultureInfo.InvariantCulture).PadLeft(11, '0')[..(length - 1)], region));

    [Fact]
    public void TryNormalize_ChineseMobiles_EqualsLibPhoneNumber()
    {
        var (taken, valid) = (0, 0);

        s_cnMobile.Sample(raw =>
        {
            var (fast, slow) = (PhoneFastPath.TryNormalize(raw, "CN"), _normalizer.NormalizeWithLibPhoneNumber(raw, "CN"));
            AssertSameOrDeclined(raw, fast, slow);
            taken += fast is null ? 0 : 1;
            valid += slow.IsSuccess ? 1 : 0;
        }, iter: Iterations, threads: 1);

        // Every prefix except a bare "86" (which libphonenumber may read as a calling code) must take the fast path when valid.
        Assert.True(taken >= valid * 0.8, $"fast path took {taken} of {valid} valid mobiles");
    }

    [Fact]
    public void TryNormalize_ChineseLandlines_EqualsLibPhoneNumber()
    {
        var (taken, valid) = (0, 0);

        s_cnLandline.Sample(raw =>
        {
            var (fast, slow) = (PhoneFastPath.TryNormalize(raw, "CN"), _normalizer.NormalizeWithLibPhoneNumber(raw, "CN"));
            AssertSameOrDeclined(raw, fast, slow);
            taken += fast is null ? 0 : 1;
            valid += slow.IsSuccess ? 1 : 0;
        }, iter: Iterations, threads: 1);

        Assert.True(taken >= valid * 0.8, $"fast path took {taken} of {valid} valid landlines");
    }

    [Theory]
    [InlineData("CN")]
    [InlineData("US")]
    [InlineData("DE")]
    public void TryNormalize_E164ForCommonCallingCodes_EqualsLibPhoneNumber(string region)
    {
        var taken = 0;

        s_e164.Sample(raw =>
        {
            var (fast, slow) = (PhoneFastPath.TryNormalize(raw, region), _normalizer.NormalizeWithLibPhoneNumber(raw, region));
            AssertSameOrDeclined(raw, fast, slow);
            taken += fast is null ? 0 : 1;
        }, iter: Iterations, threads: 1);

        Assert.True(taken > 0);
    }

    [Fact]
    public void TryNormalize_RandomNationalDigits_EqualsLibPhoneNumber()
    {
        s_national.Sample(input =>
        {
            var (fast, slow) = (PhoneFastPath.TryNormalize(input.Raw, input.Region), _normalizer.NormalizeWithLibPhoneNumber(input.Raw, input.Region));
            AssertSameOrDeclined(input.Raw + " in " + input.Region, fast, slow);
        }, iter: Iterations * 3, threads: 1);
    }

    [Theory]
    [InlineData("13800138000", "CN", true)]
    [InlineData("+86 138-0013-8000", "US", true)]
    [InlineData("0086 13800138000", "CN", true)]
    [InlineData("+86 010 6552 9988", "CN", true)] // national prefix after the calling code is stripped
    [InlineData("010-65529988", "CN", true)]
    [InlineData("0755-86013388", "CN", true)]
    [InlineData("0898 6888 8888", "CN", true)]
    [InlineData("400-810-8888", "CN", true)] // shared cost, reported as toll free
    [InlineData("415-555-2671", "US", true)]
    [InlineData("+1 415 555 2671", "CN", true)]
    [InlineData("+1 604 555 0199", "US", null)] // a Canadian number: the region comes from the NANP region list
    [InlineData("+44 20 7946 0958", "CN", true)]
    [InlineData("020 7946 0958", "GB", true)]
    [InlineData("+852 2123 4567", "CN", true)]
    [InlineData("+61 2 9374 4000", "CN", true)]
    [InlineData("+81 3-1234-5678", "CN", null)]
    [InlineData("+33 1 42 68 53 00", "CN", true)]
    [InlineData("030 901820", "DE", true)]
    [InlineData("17912345678", "CN", false)] // 179xx is a carrier prefix in CN's national prefix pattern
    [InlineData("8613800138000", "CN", false)] // calling code without '+'
    [InlineData("(010) 6552 9988", "CN", false)]
    [InlineData("138 0013 8000 ", "CN", false)]
    [InlineData("138--0013-8000", "CN", false)]
    [InlineData("-13800138000", "CN", false)]
    [InlineData("+ 86 13800138000", "CN", false)]
    [InlineData("１３８００１３８０００", "CN", false)]
    [InlineData("010-65529988转123", "CN", false)]
    [InlineData("+7 495 123-45-67", "CN", false)] // calling code outside the fast path's list
    [InlineData("12345", "CN", false)] // invalid: the full path names the error
    [InlineData("1380013800", "CN", false)]
    [InlineData("+999 1234 5678", "CN", false)]
    [InlineData("0086 0138 0013 8000", "CN", true)] // the national prefix after the calling code is stripped
    public void Normalize_TrickyCases_EqualsLibPhoneNumberAndTakesExpectedPath(string raw, string region, bool? fastPath)
    {
        var fast = PhoneFastPath.TryNormalize(raw, region);
        var slow = _normalizer.NormalizeWithLibPhoneNumber(raw, region);

        var first = _normalizer.Normalize(raw, region);
        var cached = _normalizer.Normalize(raw, region);

        if (fastPath is { } expected)
        {
            Assert.Equal(expected, fast is not null);
        }

        AssertSameOrDeclined(raw, fast, slow);
        AssertSame(raw, slow, first);
        AssertSame(raw, slow, cached);
    }

    [Fact]
    public void Normalize_ManyNumbersThroughTheCache_EachEqualsLibPhoneNumber()
    {
        // More numbers than cache slots, each normalized twice: collisions must never return another number's result.
        var inputs = Enumerable.Range(0, 3_000).Select(i => "139" + (i * 7919).ToString("D8", CultureInfo.InvariantCulture)).ToArray();

        var results = inputs.Concat(inputs).Select(raw => (raw, result: _normalizer.Normalize(raw))).ToArray();

        foreach (var (raw, result) in results)
        {
            AssertSame(raw, _normalizer.NormalizeWithLibPhoneNumber(raw), result);
        }
    }

    [Fact]
    public void Normalize_SameNumberInTwoRegions_IsCachedPerRegion()
    {
        var chinese = _normalizer.Normalize("020 7946 0958", "CN");

        var british = _normalizer.Normalize("020 7946 0958", "GB");

        Assert.Equal("+442079460958", british.E164);
        Assert.NotEqual(british.E164, chinese.E164);
    }

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static void AssertSameOrDeclined(string input, PhoneResult? fast, PhoneResult slow)
    {
        if (fast is null)
        {
            return;
        }

        Assert.True(slow.IsSuccess, $"fast path accepted {input}, libphonenumber says {slow.Error}");
        AssertSame(input, slow, fast);
    }

    private static void AssertSame(string input, PhoneResult expected, PhoneResult actual)
    {
        Assert.Equal((expected.Raw, expected.Error, expected.E164, expected.National, expected.International, expected.RegionCode, expected.Type, expected.Extension),
            (actual.Raw, actual.Error, actual.E164, actual.National, actual.International, actual.RegionCode, actual.Type, actual.Extension));
        _ = input;
    }
}
