using System.Text.Json;
using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Access;

public sealed class FieldMaskerTests
{
    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("138 0013 8000", "138****8000")]
    [InlineData("13800138000", "138****8000")]
    [InlineData("138\u00000013\n8000", "138****8000")]
    [InlineData("(415) 555-2671", "415****2671")]
    [InlineData("12345", "****45")]
    [InlineData("12", "****")]
    [InlineData("", "****")]
    [InlineData("   ", "****")]
    [InlineData("电话 一三八", "****")]
    public void MaskPhone_Inputs_KeepsAtMostFirstThreeAndLastFourDigits(string raw, string expected)
    {
        var masked = FieldMasker.MaskPhone(raw);

        Assert.Equal(expected, masked);
    }

    [Fact]
    public void MaskPhone_TenKilobyteInput_KeepsTheRealLastFourDigits()
    {
        var raw = "139" + new string('5', 10_000) + "4321";

        var masked = FieldMasker.MaskPhone(raw);

        Assert.Equal("139****4321", masked);
    }

    [Theory]
    [InlineData("zhang.wei@example.com", "z***@example.com")]
    [InlineData("张伟@例子.中国", "张***@例子.中国")]
    [InlineData("😀x@example.com", "****@example.com")]
    [InlineData("no-at-sign", "***")]
    [InlineData("@example.com", "***")]
    [InlineData("", "***")]
    public void MaskEmail_Inputs_KeepsFirstCharacterAndDomainOnly(string raw, string expected)
    {
        var masked = FieldMasker.MaskEmail(raw);

        Assert.Equal(expected, masked);
    }

    [Fact]
    public void Mask_NoVisibleFields_LeavesNoPersonalValueButTheDisplayName()
    {
        var c = Some.FullCustomer();
        var secrets = Privacy.PrivacyKit.SecretsOf(c).Where(s => s != c.DisplayName).Append("1980").Append("制造业").Append("DROP TABLE");

        var masked = FieldMasker.Mask(c, CustomerField.None);

        var json = JsonSerializer.Serialize(masked, s_json);
        Assert.All(secrets, s => Assert.DoesNotContain(s, json, StringComparison.Ordinal));
        Assert.Equal(c.DisplayName, masked.DisplayName);
        Assert.Equal("张*", masked.FamilyName);
        Assert.Equal(FieldMasker.MaskedStreet, masked.Addresses[0].Street);
        Assert.Equal("朝阳区", masked.Addresses[0].District);
        Assert.Equal(new GeoPoint(39.91, 116.46), masked.Addresses[0].Location);
        Assert.Null(masked.DateOfBirth);
        Assert.Null(masked.Notes);
        Assert.Empty(masked.Attributes);
        Assert.Equal(c.Phones.Count, masked.Phones.Count);
    }

    [Fact]
    public void Mask_AllFields_ReturnsTheSameCustomer()
    {
        var c = Some.FullCustomer();

        var masked = FieldMasker.Mask(c, CustomerField.All);

        Assert.Same(c, masked);
    }

    [Fact]
    public void KeepHidden_MaskedCustomerWrittenBack_RestoresHiddenValuesAndKeepsVisibleChanges()
    {
        var stored = Some.FullCustomer();
        var visible = CustomerField.Names | CustomerField.Attributes;
        var changed = FieldMasker.Mask(stored, visible) with { GivenName = "新名", Tags = ["changed"] };

        var merged = FieldMasker.KeepHidden(changed, stored, visible);

        Assert.Equal(stored.Phones, merged.Phones);
        Assert.Equal(stored.Emails, merged.Emails);
        Assert.Equal(stored.Addresses, merged.Addresses);
        Assert.Equal(stored.Notes, merged.Notes);
        Assert.Equal(stored.DateOfBirth, merged.DateOfBirth);
        Assert.Equal("新名", merged.GivenName);
        Assert.Equal(["changed"], merged.Tags);
    }
}
