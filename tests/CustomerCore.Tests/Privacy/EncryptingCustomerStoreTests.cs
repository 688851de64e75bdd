using System.Text;
using CustomerCore.Customers;
using CustomerCore.Privacy;
using CustomerCore.Storage;
using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Privacy;

/// <summary>The encrypting store must behave exactly like the store it wraps.</summary>
public sealed class EncryptingCustomerStoreContractTests : CustomerStoreContractTests
{
    protected override Task<ICustomerStore> CreateStoreAsync() => Task.FromResult<ICustomerStore>(PrivacyKit.Store().Store);
}

public sealed class EncryptingCustomerStoreTests
{
    [Fact]
    public async Task Add_FullCustomer_InMemoryStoreHoldsNoPlaintextPersonalData()
    {
        var (store, raw) = PrivacyKit.Store();
        var customer = Some.FullCustomer();

        await store.AddAsync(customer);
        var stored = await raw.GetAsync(customer.Id);
        var json = StorageJson.Serialize(stored!);

        Assert.Empty(PrivacyKit.Leaks(json, PrivacyKit.SecretsOf(customer)));
        Assert.DoesNotContain("1980", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.DoesNotContain("DROP TABLE", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_FullCustomer_KeepsRegionCityDistrictAndLocationInPlaintext()
    {
        var (store, raw) = PrivacyKit.Store();
        var customer = Some.FullCustomer();

        await store.AddAsync(customer);
        var stored = (await raw.GetAsync(customer.Id))!;

        Assert.Equal(customer.Addresses.Select(a => (a.Region, a.City, a.District, a.Location)), stored.Addresses.Select(a => (a.Region, a.City, a.District, a.Location)));
        Assert.Equal(customer.Tags, stored.Tags);
        Assert.Equal(customer.OwnerId, stored.OwnerId);
    }

    [Fact]
    public async Task Get_AfterAdd_ReturnsEveryFieldDecrypted()
    {
        var (store, _) = PrivacyKit.Store();
        var customer = Some.FullCustomer();

        await store.AddAsync(customer);
        var loaded = await store.GetAsync(customer.Id);

        CustomerAssert.Equal(customer, loaded!);
    }

    [Fact]
    public async Task Query_ByPhoneAndEmail_FindsThroughBlindIndex()
    {
        var (store, _) = PrivacyKit.Store();
        var target = Some.FullCustomer();
        await store.AddAsync(target);
        await store.AddAsync(Some.Customer("other") with { Phones = [new PhoneNumber { Raw = "139", E164 = "+8613900000000" }], Emails = [] });

        var byPhone = await store.QueryAsync(new CustomerQuery { Phone = "+14155552671" });
        var byEmail = await store.QueryAsync(new CustomerQuery { Email = "info@xn--fsqu00a.xn--fiqs8s" });
        var none = await store.QueryAsync(new CustomerQuery { Phone = "+14155552672" });

        Assert.Equal(target.Id, Assert.Single(byPhone.Items).Id);
        Assert.Equal(target.Id, Assert.Single(byEmail.Items).Id);
        Assert.Empty(none.Items);
        Assert.Equal("+14155552671", byPhone.Items[0].Phones[1].E164);
    }

    [Fact]
    public async Task Get_PhoneCiphertextSwappedBetweenRecords_ThrowsDecryptionFailed()
    {
        var (store, raw) = PrivacyKit.Store();
        var a = await store.AddAsync(Some.Customer("A"));
        var b = await store.AddAsync(Some.Customer("B") with { Phones = [new PhoneNumber { Raw = "13900000000", E164 = "+8613900000000" }] });
        var storedA = (await raw.GetAsync(a.Id))!;
        var storedB = (await raw.GetAsync(b.Id))!;

        await raw.UpdateAsync(storedB with { Phones = storedA.Phones });
        var error = await Assert.ThrowsAsync<DecryptionFailedException>(() => store.GetAsync(b.Id));

        Assert.Equal(DecryptionFailure.AuthenticationFailed, error.Reason);
        Assert.Equal(b.Id.ToString(), error.RecordId);
        Assert.Equal("phones/0", error.FieldPath);
    }

    [Fact]
    public async Task Get_TamperedAddressCiphertext_ThrowsDecryptionFailed()
    {
        var (store, raw) = PrivacyKit.Store();
        var a = await store.AddAsync(Some.Customer());
        var stored = (await raw.GetAsync(a.Id))!;
        var original = stored.Addresses[0].Original!;
        var tampered = original[..^4] + (original[^4] == 'A' ? 'B' : 'A') + original[^3..];

        await raw.UpdateAsync(stored with { Addresses = [stored.Addresses[0] with { Original = tampered }] });

        await Assert.ThrowsAsync<DecryptionFailedException>(() => store.GetAsync(a.Id));
    }

    [Fact]
    public async Task Get_WrongKey_FailsLoudly()
    {
        var raw = new InMemoryCustomerStore();
        var writer = new EncryptingCustomerStore(raw, PrivacyKit.Protector(PrivacyKit.Keys("k1", PrivacyKit.Key1)));
        var reader = new EncryptingCustomerStore(raw, PrivacyKit.Protector(PrivacyKit.Keys("k1", PrivacyKit.Key2)));
        var added = await writer.AddAsync(Some.Customer());

        var error = await Assert.ThrowsAsync<DecryptionFailedException>(() => reader.GetAsync(added.Id));
        var streamError = await Assert.ThrowsAsync<DecryptionFailedException>(async () => await reader.StreamAsync().ToListAsync());

        Assert.Equal(DecryptionFailure.AuthenticationFailed, error.Reason);
        Assert.Equal(DecryptionFailure.AuthenticationFailed, streamError.Reason);
    }

    [Fact]
    public async Task Query_NamePrefixWithEncryptedNames_ScansAndPagesEveryMatchOnce()
    {
        var (store, raw) = PrivacyKit.Store();
        var names = Enumerable.Range(0, 1200).Select(i => (i % 3 == 0 ? "Zhang " : "Li ") + i).ToList();
        await store.UpsertBatchAsync([.. names.Select(n => Some.Customer(n))]);
        var found = new List<Customer>();
        var query = new CustomerQuery { NamePrefix = "zHANG", Page = new PageRequest(37) };

        while (true)
        {
            var page = await store.QueryAsync(query);
            found.AddRange(page.Items);
            if (page.ContinuationToken is null)
            {
                break;
            }

            query = query with { Page = query.Page with { ContinuationToken = page.ContinuationToken } };
        }

        var storedNames = (await raw.QueryAsync(new CustomerQuery { NamePrefix = "zhang" })).Items;
        Assert.Equal(400, found.Count);
        Assert.Equal(400, found.Select(c => c.Id).Distinct().Count());
        Assert.All(found, c => Assert.StartsWith("Zhang ", c.DisplayName, StringComparison.Ordinal));
        Assert.Equal(found.Select(c => c.Id.ToString()).Order(StringComparer.Ordinal), found.Select(c => c.Id.ToString()));
        Assert.Empty(storedNames); // the trade-off: the store's own name index only sees ciphertext
    }

    [Fact]
    public async Task Query_NamePrefixWithPlaintextNamesOption_UsesTheStoreIndex()
    {
        var (store, raw) = PrivacyKit.Store(options: new FieldEncryptionOptions { EncryptNames = false });
        var added = await store.AddAsync(Some.Customer("张伟"));

        var viaStore = await store.QueryAsync(new CustomerQuery { NamePrefix = "张" });
        var viaRaw = await raw.QueryAsync(new CustomerQuery { NamePrefix = "张" });

        Assert.Equal(added.Id, Assert.Single(viaStore.Items).Id);
        Assert.Equal(added.Id, Assert.Single(viaRaw.Items).Id);
        Assert.StartsWith("enc:v1:", viaRaw.Items[0].Phones[0].Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ForeignScanToken_ThrowsArgumentException()
    {
        var (store, _) = PrivacyKit.Store();

        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(new CustomerQuery { NamePrefix = "a", Page = new PageRequest(10, "ns1:zzz:") }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(new CustomerQuery { NamePrefix = "a", Page = new PageRequest(10, "garbage") }));
    }

    [Fact]
    public async Task Add_DateOfBirth_IsHiddenAndRestored()
    {
        var (store, raw) = PrivacyKit.Store();
        var customer = Some.Customer() with { DateOfBirth = new DateOnly(1984, 7, 9), Attributes = new Dictionary<string, string> { ["industry"] = "retail" } };

        await store.AddAsync(customer);
        var stored = (await raw.GetAsync(customer.Id))!;
        var loaded = (await store.GetAsync(customer.Id))!;

        Assert.Null(stored.DateOfBirth);
        Assert.StartsWith("enc:v1:", stored.Attributes[CustomerFieldProtector.DateOfBirthAttribute], StringComparison.Ordinal);
        Assert.Equal(new DateOnly(1984, 7, 9), loaded.DateOfBirth);
        Assert.Equal(["industry"], loaded.Attributes.Keys);
    }

    [Fact]
    public async Task Add_LocationDecimalsSet_StoresRoundedLocation()
    {
        var (store, raw) = PrivacyKit.Store(options: new FieldEncryptionOptions { LocationDecimals = 2 });
        var customer = Some.Customer();

        await store.AddAsync(customer);
        var stored = (await raw.GetAsync(customer.Id))!;

        Assert.Equal(new GeoPoint(39.91, 116.46), stored.Addresses[0].Location);
    }

    [Fact]
    public async Task Get_LegacyPlaintextRecord_ReadsWhenAcceptedAndFailsWhenNot()
    {
        var raw = new InMemoryCustomerStore();
        var legacy = await raw.AddAsync(Some.Customer());
        var lenient = new EncryptingCustomerStore(raw, PrivacyKit.Protector());
        var strict = new EncryptingCustomerStore(raw, PrivacyKit.Protector(options: new FieldEncryptionOptions { AcceptPlaintext = false }));

        var read = await lenient.GetAsync(legacy.Id);

        CustomerAssert.Equal(legacy, read!);
        var error = await Assert.ThrowsAsync<DecryptionFailedException>(() => strict.GetAsync(legacy.Id));
        Assert.Equal(DecryptionFailure.PlaintextNotAllowed, error.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\u0001\u0002;-;12;")]
    [InlineData("0;-;")]
    public async Task Add_HostileNameAndPhoneText_RoundTrips(string text)
    {
        var (store, _) = PrivacyKit.Store();
        var customer = Some.Customer(text) with { GivenName = text, Phones = [new PhoneNumber { Raw = text, E164 = null, Extension = text }] };

        await store.AddAsync(customer);
        var loaded = await store.GetAsync(customer.Id);

        CustomerAssert.Equal(customer, loaded!);
    }

    [Fact]
    public async Task Interactions_SubjectAndNotes_AreEncryptedAndSurviveAMove()
    {
        var raw = new InMemoryCustomerStore();
        var store = new EncryptingInteractionStore(raw, PrivacyKit.Protector());
        var interaction = Some.Interaction(CustomerId.New(), DateTimeOffset.UnixEpoch) with { Notes = "call 13800138000 at 建国路88号" };

        await store.AddAsync(interaction);
        await store.MoveAsync([interaction.Id], CustomerId.New());
        var stored = await raw.GetAsync(interaction.Id);
        var loaded = await store.GetAsync(interaction.Id);

        Assert.Empty(PrivacyKit.Leaks(StorageJson.Serialize(stored!), ["13800138000", "建国路", "回访"]));
        Assert.Equal(interaction.Notes, loaded!.Notes);
        Assert.Equal(interaction.Subject, loaded.Subject);
    }
}
