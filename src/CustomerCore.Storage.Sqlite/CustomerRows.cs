using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CustomerCore.Customers;

namespace CustomerCore.Storage.Sqlite;

/// <summary>Holds a chunk of customers encoded for SQLite: every text and the JSON document as UTF-8 in one reused
/// buffer, plus the lookup keys and locations, so a second thread can encode the next chunk while SQLite writes this one.</summary>
/// <remarks>
/// <para>Pure and thread-confined: <see cref="Encode"/> runs on one thread, the writer reads on another after it returned.
/// Reused across chunks of a batch (<see cref="Encode"/> clears it), so a bulk load allocates no per-row buffers.</para>
/// <para>Documents are written with the relaxed JSON escaper: non-ASCII text is stored as UTF-8 instead of
/// <c>\uXXXX</c> escapes (a third of the bytes for CJK names and addresses). Control characters, quotes and ill-formed
/// UTF-16 are still escaped, and every reader accepts both spellings.</para>
/// </remarks>
internal sealed class CustomerRows : IDisposable
{
    /// <summary>The writer options of every stored customer document (shared by the single-row path).</summary>
    public static readonly JsonWriterOptions DocumentOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The most customers in one chunk; a chunk's keys and locations are sorted and written together.</summary>
    public const int MaxChunkRows = 512;

    /// <summary>The encoded size after which a chunk takes no more customers.</summary>
    public const int MaxChunkBytes = 1 << 20;

    private readonly ArrayBufferWriter<byte> _bytes = new(1 << 16);
    private readonly Utf8JsonWriter _json;
    private readonly Row[] _rows = new Row[MaxChunkRows];
    private KeyEntry[] _keys = new KeyEntry[192];
    private GeoEntry[] _locations = new GeoEntry[64];
    private int[] _keyOrder = new int[192];
    private int[] _locationOrder = new int[64];
    private ulong[] _spatial = new ulong[64];

    public CustomerRows() => _json = new Utf8JsonWriter(_bytes, DocumentOptions);

    /// <summary>Gets how many customers the chunk holds.</summary>
    public int Count { get; private set; }

    /// <summary>Gets how many lookup keys the chunk holds.</summary>
    public int KeyCount { get; private set; }

    /// <summary>Gets how many locations the chunk holds.</summary>
    public int LocationCount { get; private set; }

    /// <summary>Gets whether the buffers are small enough to keep for the next batch (a chunk of large documents is not).</summary>
    public bool IsSmall => _bytes.Capacity <= 4 * MaxChunkBytes;

    /// <summary>Replaces the contents with the customers from <paramref name="start"/> on: at most <see cref="MaxChunkRows"/>,
    /// and no more once <see cref="MaxChunkBytes"/> are encoded (at least one), so memory stays flat with large documents.</summary>
    public void Encode(IReadOnlyList<Customer> customers, int start)
    {
        _bytes.ResetWrittenCount();
        Count = KeyCount = LocationCount = 0;
        var end = Math.Min(customers.Count, start + MaxChunkRows);
        for (var i = start; i < end && (i == start || _bytes.WrittenCount < MaxChunkBytes); i++)
        {
            Add(customers[i]);
        }

        // Sorted here, on the encoding thread, so the writing thread only walks the orders. New rows get increasing
        // rids in row order, so (kind, key, row) is the order of the customer_keys primary key (kind, key, rid).
        if (_keyOrder.Length < KeyCount)
        {
            _keyOrder = new int[_keys.Length];
        }

        for (var i = 0; i < KeyCount; i++)
        {
            _keyOrder[i] = i;
        }

        Array.Sort(_keyOrder, 0, KeyCount, Comparer<int>.Create(CompareKeys));
        if (_locationOrder.Length < LocationCount)
        {
            _locationOrder = new int[_locations.Length];
            _spatial = new ulong[_locations.Length];
        }

        for (var i = 0; i < LocationCount; i++)
        {
            _locationOrder[i] = i;
            _spatial[i] = SpatialOrder(i);
        }

        Array.Sort(_spatial, _locationOrder, 0, LocationCount);
    }

    /// <summary>Gets the keys' indexes in primary-key order.</summary>
    public ReadOnlySpan<int> KeyOrder => _keyOrder.AsSpan(0, KeyCount);

    /// <summary>Gets the Z-order key of the location at position <paramref name="orderIndex"/> of <see cref="LocationOrder"/>.</summary>
    public ulong SpatialKey(int orderIndex) => _spatial[orderIndex];

    /// <summary>Gets the locations' indexes in Z-order.</summary>
    public ReadOnlySpan<int> LocationOrder => _locationOrder.AsSpan(0, LocationCount);

    /// <summary>Gets the UTF-8 text of the customer id at <paramref name="row"/>.</summary>
    public ReadOnlySpan<byte> Id(int row) => Slice(_rows[row].Id, 36);

    /// <summary>Gets the UTF-8 lower-cased display name at <paramref name="row"/>.</summary>
    public ReadOnlySpan<byte> Name(int row) => Slice(_rows[row].Name, _rows[row].NameLength);

    /// <summary>Gets the UTF-8 owner id at <paramref name="row"/>; false when the customer has none.</summary>
    public bool TryGetOwner(int row, out ReadOnlySpan<byte> owner)
    {
        ref readonly var r = ref _rows[row];
        owner = r.OwnerLength < 0 ? default : Slice(r.Owner, r.OwnerLength);
        return r.OwnerLength >= 0;
    }

    /// <summary>Gets the lifecycle stage at <paramref name="row"/>.</summary>
    public int Stage(int row) => _rows[row].Stage;

    /// <summary>Gets the update time (UTC ticks) at <paramref name="row"/>.</summary>
    public long UpdatedTicks(int row) => _rows[row].UpdatedTicks;

    /// <summary>Gets the UTF-8 JSON document (without the version) at <paramref name="row"/>.</summary>
    public ReadOnlySpan<byte> Document(int row) => Slice(_rows[row].Document, _rows[row].DocumentLength);

    /// <summary>Gets the range of keys and locations of the customer at <paramref name="row"/>.</summary>
    public (int KeyStart, int KeyCount, int LocationStart, int LocationCount) Indexes(int row)
    {
        ref readonly var r = ref _rows[row];
        return (r.KeyStart, r.KeyCount, r.LocationStart, r.LocationCount);
    }

    /// <summary>Gets the key at <paramref name="index"/>: its kind, UTF-8 text and row.</summary>
    public int Key(int index, out ReadOnlySpan<byte> key, out int row)
    {
        ref readonly var k = ref _keys[index];
        key = Slice(k.Offset, k.Length);
        row = k.Row;
        return k.Kind;
    }

    /// <summary>Gets the location at <paramref name="index"/>: its row, position among the customer's locations and point.</summary>
    public (int Row, int Ordinal, double Latitude, double Longitude) Location(int index)
    {
        ref readonly var g = ref _locations[index];
        return (g.Row, g.Ordinal, g.Latitude, g.Longitude);
    }

    /// <summary>Compares two keys in the order of the <c>customer_keys</c> primary key (kind, then UTF-8 bytes as SQLite's
    /// BINARY collation compares them, then row), so writing them sorted touches each B-tree page once.</summary>
    private int CompareKeys(int a, int b)
    {
        var kindA = Key(a, out var keyA, out var rowA);
        var kindB = Key(b, out var keyB, out var rowB);
        if (kindA != kindB)
        {
            return kindA.CompareTo(kindB);
        }

        var byKey = keyA.SequenceCompareTo(keyB);
        return byKey != 0 ? byKey : rowA.CompareTo(rowB);
    }

    /// <summary>Gets a key that orders locations along a Z-order (Morton) curve, so neighbours are inserted together.</summary>
    private ulong SpatialOrder(int index)
    {
        ref readonly var g = ref _locations[index];
        var x = (ulong)((g.Longitude + 180.0) * (uint.MaxValue / 360.0));
        var y = (ulong)((g.Latitude + 90.0) * (uint.MaxValue / 180.0));
        return Spread(x) | (Spread(y) << 1);
    }

    public void Dispose() => _json.Dispose();

    private static ulong Spread(ulong v)
    {
        v &= 0xFFFFFFFF;
        v = (v | (v << 16)) & 0x0000FFFF0000FFFF;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FF;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0F;
        v = (v | (v << 2)) & 0x3333333333333333;
        return (v | (v << 1)) & 0x5555555555555555;
    }

    private ReadOnlySpan<byte> Slice(int offset, int length) => _bytes.WrittenSpan.Slice(offset, length);

    private void Add(Customer customer)
    {
        ref var row = ref _rows[Count++];
        row.Id = _bytes.WrittenCount;
        customer.Id.Value.TryFormat(_bytes.GetSpan(36), out _, "D"); // the same text as SqliteCustomerStore.Key
        _bytes.Advance(36);
        (row.Name, row.NameLength) = Text(CustomerSql.LowerName(customer.DisplayName));
        (row.Owner, row.OwnerLength) = customer.OwnerId is { } owner ? Text(owner) : (0, -1);
        row.Stage = (int)customer.Stage;
        row.UpdatedTicks = customer.UpdatedAt.UtcTicks;
        row.Document = _bytes.WrittenCount;
        _json.Reset(_bytes);
        StorageJson.Serialize(_json, customer.Version == 0 ? customer : customer with { Version = 0 });
        row.DocumentLength = _bytes.WrittenCount - row.Document;

        // The keys of CustomerSql.Keys, in its order, without its enumerator (one object per customer on the bulk path);
        // indexed loops, as foreach over the lists' interfaces would box one enumerator per list.
        row.KeyStart = KeyCount;
        for (var i = 0; i < customer.Phones.Count; i++)
        {
            if (customer.Phones[i].E164 is { } e164)
            {
                AddKey(CustomerSql.KindPhone, e164);
            }
        }

        for (var i = 0; i < customer.Emails.Count; i++)
        {
            if (customer.Emails[i].Normalized is { } normalized)
            {
                AddKey(CustomerSql.KindEmail, normalized);
            }
        }

        for (var i = 0; i < customer.Tags.Count; i++)
        {
            AddKey(CustomerSql.KindTag, customer.Tags[i]);
        }

        row.KeyCount = KeyCount - row.KeyStart;
        row.LocationStart = LocationCount;
        var ordinal = 0;
        for (var i = 0; i < customer.Addresses.Count; i++)
        {
            if (customer.Addresses[i].Location is { IsValid: true } point && ordinal < SqliteCustomerStore.MaxLocations)
            {
                if (LocationCount == _locations.Length)
                {
                    Array.Resize(ref _locations, _locations.Length * 2);
                }

                _locations[LocationCount++] = new GeoEntry(Count - 1, ordinal++, point.Latitude, point.Longitude);
            }
        }

        row.LocationCount = LocationCount - row.LocationStart;
    }

    private void AddKey(int kind, string key)
    {
        if (KeyCount == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        var (offset, length) = Text(key);
        _keys[KeyCount++] = new KeyEntry(kind, offset, length, Count - 1);
    }

    private (int Offset, int Length) Text(string value)
    {
        var offset = _bytes.WrittenCount;
        var length = Encoding.UTF8.GetBytes(value, _bytes.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length)));
        _bytes.Advance(length);
        return (offset, length);
    }

    private struct Row
    {
        public int Id;
        public int Name;
        public int NameLength;
        public int Owner;
        public int OwnerLength;
        public int Stage;
        public long UpdatedTicks;
        public int Document;
        public int DocumentLength;
        public int KeyStart;
        public int KeyCount;
        public int LocationStart;
        public int LocationCount;
    }

    private readonly record struct KeyEntry(int Kind, int Offset, int Length, int Row);

    private readonly record struct GeoEntry(int Row, int Ordinal, double Latitude, double Longitude);
}
