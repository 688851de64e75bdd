using CustomerCore.Privacy;

namespace CustomerCore.Tests.Privacy;

public sealed class FieldCipherTests
{
    private const string RecordId = "0190c7a2-0000-7000-8000-000000000001";

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+8613800138000")]
    [InlineData("北京市朝阳区建国路88号 Apt 5 — Ünïcødé 😊 مرحبا")]
    [InlineData("tab\tnul\0bell\u0007\r\n")]
    public void Encrypt_ThenDecrypt_RoundTripsExactly(string plaintext)
    {
        using var cipher = new FieldCipher(PrivacyKit.Keys(), acceptPlaintext: false);

        var stored = cipher.Encrypt(plaintext, RecordId, "phones/0");
        var back = cipher.Decrypt(stored, RecordId, "phones/0");

        Assert.StartsWith("enc:v1:k1:", stored, StringComparison.Ordinal);
        Assert.Equal(plaintext, back);
    }

    [Fact]
    public void Encrypt_TenKilobyteValue_RoundTripsAndHidesIt()
    {
        using var cipher = new FieldCipher(PrivacyKit.Keys(), acceptPlaintext: false);
        var big = string.Concat(Enumerable.Repeat("建国路88号", 1024));

        var stored = cipher.Encrypt(big, RecordId, "notes");

        Assert.DoesNotContain("建国路", stored, StringComparison.Ordinal);
        Assert.Equal(big, cipher.Decrypt(stored, RecordId, "notes"));
    }

    [Fact]
    public void Encrypt_SameValueTwice_UsesFreshNonces()
    {
        using var cipher = new FieldCipher(PrivacyKit.Keys(), acceptPlaintext: false);

        var first = cipher.Encrypt("+8613800138000", RecordId, "phones/0");
        var second = cipher.Encrypt("+8613800138000", RecordId, "phones/0");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Decrypt_WrongKeyUnderSameId_ThrowsAuthenticationFailed()
    {
        using var writer = new FieldCipher(PrivacyKit.Keys("k1", PrivacyKit.Key1), acceptPlaintext: false);
        using var reader = new FieldCipher(PrivacyKit.Keys("k1", PrivacyKit.Key2), acceptPlaintext: false);
        var stored = writer.Encrypt("+8613800138000", RecordId, "phones/0");

        var error = Assert.Throws<DecryptionFailedException>(() => reader.Decrypt(stored, RecordId, "phones/0"));

        Assert.Equal(DecryptionFailure.AuthenticationFailed, error.Reason);
        Assert.DoesNotContain("138", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_KeyIdUnknownToProvider_ThrowsUnknownKey()
    {
        using var writer = new FieldCipher(PrivacyKit.Keys("old"), acceptPlaintext: false);
        using var reader = new FieldCipher(PrivacyKit.Keys("new"), acceptPlaintext: false);
        var stored = writer.Encrypt("x", RecordId, "notes");

        var error = Assert.Throws<DecryptionFailedException>(() => reader.Decrypt(stored, RecordId, "notes"));

        Assert.Equal(DecryptionFailure.UnknownKey, error.Reason);
        Assert.Equal("old", error.KeyId);
    }

    [Fact]
    public void Decrypt_OneBitFlippedAnywhere_IsDetected()
    {
        using var cipher = new FieldCipher(PrivacyKit.Keys(), acceptPlaintext: false);
        var stored = cipher.Encrypt("431 Marietta St NW", RecordId, "addresses/0");
        var payload = Convert.FromBase64String(stored["enc:v1:k1:".Length..]);
        var failures = 0;

        for (var i = 0; i < payload.Length; i++)
        {
            var tampered = (byte[])payload.Clone();
            tampered[i] ^= 0x01;
            var text = "enc:v1:k1:" + Convert.ToBase64String(tampered);
            var error = Assert.Throws<DecryptionFailedException>(() => cipher.Decrypt(text, RecordId, "addresses/0"));
            failures += error.Reason == DecryptionFailure.AuthenticationFailed ? 1 : 0;
        }

        Assert.Equal(payload.Length, failures);
    }

    [Theory]
    [InlineData("0190c7a2-0000-7000-8000-000000000002", "phones/0")]
    [InlineData(RecordId, "phones/1")]
    [InlineData(RecordId, "emails/0")]
    public void Decrypt_ValueMovedToAnotherRecordOrField_IsDetected(string otherRecord, string otherField)
    {
        using var cipher = new FieldCipher(PrivacyKit.Keys(), acceptPlaintext: false);
        var stored = cipher.Encrypt("+8613800138000", RecordId, "phones/0");

        var error = Assert.Throws<DecryptionFailedException>(() => cipher.Decrypt(stored, otherRecord, otherField));

        Assert.Equal(DecryptionFailure.AuthenticationFailed, error.Reason);
    }

    [Theory]
    [InlineData("enc:v1:")]
    [InlineData("enc:v1:k1")]
    [InlineData("enc:v1:k1:")]
    [InlineData("enc:v1:k1:not base64!")]
    [InlineData("enc:v1:k1:AAAA")]
    public void Decrypt_MalformedCiphertext_ThrowsNeverReturnsGarbage(string stored)
    {
        using var cipher = new FieldCipher(PrivacyKit.Keys(), acceptPlaintext: false);

        var error = Assert.Throws<DecryptionFailedException>(() => cipher.Decrypt(stored, RecordId, "notes"));

        Assert.Contains(error.Reason, new[] { DecryptionFailure.Malformed, DecryptionFailure.UnknownKey });
    }

    [Fact]
    public void Decrypt_PlaintextWhenNotAccepted_Throws()
    {
        using var strict = new FieldCipher(PrivacyKit.Keys(), acceptPlaintext: false);
        using var lenient = new FieldCipher(PrivacyKit.Keys(), acceptPlaintext: true);

        var error = Assert.Throws<DecryptionFailedException>(() => strict.Decrypt("legacy", RecordId, "notes"));
        var legacy = lenient.Decrypt("legacy", RecordId, "notes");

        Assert.Equal(DecryptionFailure.PlaintextNotAllowed, error.Reason);
        Assert.Equal("legacy", legacy);
    }

    [Fact]
    public void BlindIndex_IsDeterministicPerKeyAndHidesTheValue()
    {
        using var a = new FieldCipher(PrivacyKit.Keys(), acceptPlaintext: false);
        using var b = new FieldCipher(new InMemoryKeyProvider("k1", PrivacyKit.Key1, PrivacyKit.Key2), acceptPlaintext: false);

        var first = a.BlindIndex("+8613800138000");
        var again = a.BlindIndex("+8613800138000");
        var otherValue = a.BlindIndex("+8613800138001");
        var otherKey = b.BlindIndex("+8613800138000");

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherValue);
        Assert.NotEqual(first, otherKey);
        Assert.StartsWith("bi:", first, StringComparison.Ordinal);
        Assert.DoesNotContain("138", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_ManyThreads_EachValueRoundTrips()
    {
        using var cipher = new FieldCipher(PrivacyKit.Keys(), acceptPlaintext: false);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            Enumerable.Range(0, 500).All(i => cipher.Decrypt(cipher.Encrypt($"v{t}-{i}", RecordId, "n"), RecordId, "n") == $"v{t}-{i}"))));

        Assert.All(results, Assert.True);
    }

    [Theory]
    [InlineData("")]
    [InlineData("k:1")]
    [InlineData("k 1")]
    [InlineData("ключ")]
    public void InMemoryKeyProvider_InvalidKeyId_Throws(string keyId)
    {
        Assert.Throws<ArgumentException>(() => new InMemoryKeyProvider(keyId, PrivacyKit.Key1, PrivacyKit.IndexKey));
    }

    [Fact]
    public void InMemoryKeyProvider_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new InMemoryKeyProvider("k1", new byte[16], PrivacyKit.IndexKey));
    }
}
