using CustomerCore.Customers;
using CustomerCore.Privacy;
using CustomerCore.Storage;
using CustomerCore.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCore.Tests.Privacy;

public sealed class FieldEncryptionRegistrationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"cc-keys-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddFieldEncryption_BeforeOrAfterStorage_StoresCiphertextAndSearchesByPhone(bool encryptionFirst)
    {
        var keys = PrivacyKit.Keys();
        var services = new ServiceCollection();
        var builder = services.AddCustomerCore();
        if (encryptionFirst)
        {
            builder.AddFieldEncryption(o => o.KeyProvider = keys).AddInMemoryStorage();
        }
        else
        {
            builder.AddInMemoryStorage().AddFieldEncryption(o => o.KeyProvider = keys);
        }

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var customers = provider.GetRequiredService<ICustomerService>();

        var saved = await customers.CreateAsync(CallerContext.System, Some.Customer() with { Phones = [new PhoneNumber { Raw = "138 0013 8000" }] });
        var found = await customers.SearchAsync(CallerContext.System, new CustomerQuery { Phone = "13800138000" });
        var raw = await provider.GetRequiredService<ICustomerStore>().GetAsync(saved.Customer!.Id);

        Assert.True(saved.IsSuccess);
        Assert.Equal(saved.Customer.Id, Assert.Single(found.Items).Id);
        Assert.Equal("+8613800138000", found.Items[0].Phones[0].E164);
        Assert.StartsWith("bi:", raw!.Phones[0].E164, StringComparison.Ordinal);
        Assert.Empty(PrivacyKit.Leaks(StorageJson.Serialize(raw), ["13800138000", "zhang.wei", "建国路"]));
    }

    [Fact]
    public async Task AddFieldEncryption_EntryDuplicateCheck_StillFindsExactPhoneMatch()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore(o => o.EntryDuplicateCheck = EntryDuplicateCheck.RejectExactContactMatch)
            .AddFieldEncryption(o => o.KeyProvider = PrivacyKit.Keys()).AddInMemoryStorage();
        await using var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerService>();

        var first = await customers.CreateAsync(CallerContext.System, Some.Customer("A") with { Emails = [] });
        var second = await customers.CreateAsync(CallerContext.System, Some.Customer("B") with { Emails = [] });

        Assert.True(first.IsSuccess);
        Assert.Equal(SaveStatus.PossibleDuplicate, second.Status);
    }

    [Fact]
    public async Task AddFieldEncryption_InteractionNotes_AreEncryptedThroughTheService()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage().AddFieldEncryption(o => o.KeyProvider = PrivacyKit.Keys());
        await using var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerService>();
        var c = (await customers.CreateAsync(CallerContext.System, Some.Customer())).Customer!;

        var recorded = await customers.RecordInteractionAsync(CallerContext.System, Some.Interaction(c.Id, DateTimeOffset.UnixEpoch) with { Notes = "secret note 13800138000" });
        var timeline = await customers.GetTimelineAsync(CallerContext.System, c.Id, new PageRequest());
        var raw = await provider.GetRequiredService<IInteractionStore>().GetAsync(recorded.Id);

        Assert.Equal("secret note 13800138000", Assert.Single(timeline.Items).Notes);
        Assert.StartsWith("enc:v1:", raw!.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFieldEncryption_NoKeyConfigured_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage().AddFieldEncryption(_ => { });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FieldEncryptionOptions>>().Value);

        Assert.Contains("KeyFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFieldEncryption_BadOptions_ReportsEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage().AddFieldEncryption(o =>
        {
            o.KeyFile = Path.Combine(_dir, "missing.json");
            o.LocationDecimals = -1;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FieldEncryptionOptions>>().Value);

        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public async Task AddFieldEncryption_KeyFileWithCreateFlag_CreatesFileAndReopensData()
    {
        var keyFile = Path.Combine(_dir, "keys.json");
        var store = new InMemoryCustomerStore();
        Customer created;
        using (var first = Build(store, keyFile))
        {
            created = (await first.GetRequiredService<ICustomerService>().CreateAsync(CallerContext.System, Some.Customer())).Customer!;
        }

        using var second = Build(store, keyFile);
        var loaded = await second.GetRequiredService<ICustomerService>().GetAsync(CallerContext.System, created.Id);

        Assert.True(File.Exists(keyFile));
        Assert.Equal("+8613800138000", loaded!.Phones[0].E164);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact]
    public async Task AddFieldEncryption_AnotherKeyFile_FailsLoudlyOnRead()
    {
        var store = new InMemoryCustomerStore();
        Customer created;
        using (var first = Build(store, Path.Combine(_dir, "a.json")))
        {
            created = (await first.GetRequiredService<ICustomerService>().CreateAsync(CallerContext.System, Some.Customer())).Customer!;
        }

        using var second = Build(store, Path.Combine(_dir, "b.json"));

        await Assert.ThrowsAsync<DecryptionFailedException>(() => second.GetRequiredService<ICustomerService>().GetAsync(CallerContext.System, created.Id));
    }

    [Fact]
    public void KeyFileKeyProvider_MissingFileWithoutFlag_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => new KeyFileKeyProvider(Path.Combine(_dir, "none.json")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"currentKeyId\":\"k1\",\"indexKey\":\"AAAA\",\"keys\":[]}")]
    [InlineData("{\"currentKeyId\":\"k2\",\"indexKey\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"keys\":[{\"id\":\"k1\",\"key\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"}]}")]
    public void KeyFileKeyProvider_CorruptFile_ThrowsInvalidOperation(string content)
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "corrupt.json");
        File.WriteAllText(path, content);

        Assert.Throws<InvalidOperationException>(() => new KeyFileKeyProvider(path));
    }

    [Fact]
    public void KeyFileKeyProvider_AddNewKey_KeepsOldKeysAndPersists()
    {
        var path = Path.Combine(_dir, "rotate.json");
        var provider = new KeyFileKeyProvider(path, createIfMissing: true);
        provider.TryGetKey("k1", out var oldKey);

        var id = provider.AddNewKey();
        var reopened = new KeyFileKeyProvider(path);

        Assert.Equal("k2", id);
        Assert.Equal("k2", reopened.CurrentKeyId);
        Assert.True(reopened.TryGetKey("k1", out var k1Again));
        Assert.Equal(oldKey.ToArray(), k1Again.ToArray());
        Assert.Equal(provider.IndexKey.ToArray(), reopened.IndexKey.ToArray());
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static ServiceProvider Build(InMemoryCustomerStore store, string keyFile)
    {
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddCustomerCore().AddInMemoryStorage().AddFieldEncryption(o =>
        {
            o.KeyFile = keyFile;
            o.CreateKeyFileIfMissing = true;
        });
        return services.BuildServiceProvider();
    }
}
