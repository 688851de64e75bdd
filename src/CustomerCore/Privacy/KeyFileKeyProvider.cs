using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerCore.Privacy;

/// <summary>Reads encryption keys from a JSON key file (base64 keys), creating the file on first use when allowed.</summary>
/// <remarks>The file holds the current key id, the blind-index key and every data key ever used:
/// <c>{"currentKeyId":"k1","indexKey":"…","keys":[{"id":"k1","key":"…","createdAt":"…"}]}</c>. It is written atomically
/// (temp file, then rename) and, on Unix, readable by the owner only. Keep it out of the database directory and its
/// backups: whoever holds the file and the database can read everything. Thread-safe.</remarks>
public sealed class KeyFileKeyProvider : IKeyProvider
{
    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private KeyFileDocument _document;
    private Dictionary<string, byte[]> _keys;
    private byte[] _indexKey;

    /// <summary>Initializes a new instance and loads (or creates) the key file.</summary>
    /// <param name="path">The path of the key file.</param>
    /// <param name="createIfMissing">Whether to create the file with fresh random keys when it does not exist.</param>
    /// <param name="timeProvider">The clock used to stamp new keys; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist and <paramref name="createIfMissing"/> is off.</exception>
    /// <exception cref="InvalidOperationException">The file is not a valid key file.</exception>
    public KeyFileKeyProvider(string path, bool createIfMissing = false, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _time = timeProvider ?? TimeProvider.System;
        if (!File.Exists(_path))
        {
            if (!createIfMissing)
            {
                throw new FileNotFoundException("The key file does not exist; set CreateKeyFileIfMissing to create one.", _path);
            }

            var created = new KeyFileDocument
            {
                CurrentKeyId = "k1",
                IndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRules.KeySize)),
                Keys = [new KeyFileEntry { Id = "k1", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRules.KeySize)), CreatedAt = _time.GetUtcNow() }],
            };
            Save(_path, created);
        }

        (_document, _keys, _indexKey) = Load(_path);
    }

    /// <inheritdoc/>
    public string CurrentKeyId
    {
        get
        {
            lock (_gate)
            {
                return _document.CurrentKeyId;
            }
        }
    }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> IndexKey => _indexKey;

    /// <inheritdoc/>
    public bool TryGetKey(string keyId, out ReadOnlyMemory<byte> key)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var keys = Volatile.Read(ref _keys);
        var found = keys.TryGetValue(keyId, out var bytes);
        key = found ? bytes : ReadOnlyMemory<byte>.Empty;
        return found;
    }

    /// <summary>Adds a fresh random key, makes it current and saves the file; old keys stay readable.</summary>
    /// <returns>The id of the new key.</returns>
    /// <remarks>Afterwards run <see cref="IKeyRotationService.RotateAsync"/> to re-encrypt existing data with it.</remarks>
    public string AddNewKey()
    {
        lock (_gate)
        {
            var n = _document.Keys.Count + 1;
            var id = "k" + n.ToString(CultureInfo.InvariantCulture);
            while (_keys.ContainsKey(id))
            {
                id = "k" + (++n).ToString(CultureInfo.InvariantCulture);
            }

            var next = new KeyFileDocument
            {
                CurrentKeyId = id,
                IndexKey = _document.IndexKey,
                Keys = [.. _document.Keys, new KeyFileEntry { Id = id, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyRules.KeySize)), CreatedAt = _time.GetUtcNow() }],
            };
            Save(_path, next);
            (_document, var keys, _indexKey) = Load(_path);
            Volatile.Write(ref _keys, keys);
            return id;
        }
    }

    private static (KeyFileDocument Document, Dictionary<string, byte[]> Keys, byte[] IndexKey) Load(string path)
    {
        KeyFileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllBytes(path), KeyFileJsonContext.Default.KeyFileDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException("The key file is not valid JSON.", e);
        }

        if (document is null || document.Keys is null || !KeyRules.IsValidKeyId(document.CurrentKeyId))
        {
            throw new InvalidOperationException("The key file must have a valid currentKeyId and a keys array.");
        }

        var indexKey = Decode(document.IndexKey, "indexKey");
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in document.Keys)
        {
            if (entry is null || !KeyRules.IsValidKeyId(entry.Id) || !keys.TryAdd(entry.Id, Decode(entry.Key, "keys[].key")))
            {
                throw new InvalidOperationException("Every key in the key file needs a unique valid id and a base64 key.");
            }
        }

        if (!keys.ContainsKey(document.CurrentKeyId))
        {
            throw new InvalidOperationException($"The key file's current key '{document.CurrentKeyId}' is not in its keys array.");
        }

        return (document, keys, indexKey);
    }

    private static byte[] Decode(string? base64, string field)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64 ?? string.Empty);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"The key file's {field} is not base64.", e);
        }

        if (bytes.Length != KeyRules.KeySize)
        {
            throw new InvalidOperationException($"The key file's {field} must decode to {KeyRules.KeySize} bytes.");
        }

        return bytes;
    }

    private static void Save(string path, KeyFileDocument document)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, document, KeyFileJsonContext.Default.KeyFileDocument);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}

internal sealed class KeyFileDocument
{
    public int Version { get; set; } = 1;

    public string CurrentKeyId { get; set; } = string.Empty;

    public string? IndexKey { get; set; }

    public List<KeyFileEntry> Keys { get; set; } = [];
}

internal sealed class KeyFileEntry
{
    public string Id { get; set; } = string.Empty;

    public string? Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(KeyFileDocument))]
internal sealed partial class KeyFileJsonContext : JsonSerializerContext;
