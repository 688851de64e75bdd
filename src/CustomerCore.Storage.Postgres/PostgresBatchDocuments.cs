using System.Buffers;
using System.Text.Json;
using CustomerCore.Customers;

namespace CustomerCore.Storage.Postgres;

/// <summary>Holds the UTF-8 JSON documents of one batch back to back in one pooled buffer.</summary>
/// <remarks>Built off the connection (on a worker thread) so the client serializes while the server indexes the
/// batch's lookup keys; the COPY then only copies bytes. Documents are stored with version 0 (the row holds the version).
/// Memory stays one batch: the buffer returns to the pool on dispose.</remarks>
internal sealed class PostgresBatchDocuments : IBufferWriter<byte>, IDisposable
{
    private readonly int[] _ends;
    private byte[] _buffer;
    private int _written;

    private PostgresBatchDocuments(int count, int sizeHint)
    {
        _ends = new int[count];
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, 4096));
    }

    /// <summary>Gets the number of documents.</summary>
    public int Count => _ends.Length;

    /// <summary>Serializes every customer of the batch, in order.</summary>
    public static PostgresBatchDocuments Serialize(IReadOnlyList<Customer> customers, CancellationToken cancellationToken)
    {
        var documents = new PostgresBatchDocuments(customers.Count, customers.Count * 768);
        try
        {
            using var writer = new Utf8JsonWriter(documents);
            for (var i = 0; i < customers.Count; i++)
            {
                if ((i & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var c = customers[i];
                writer.Reset();
                StorageJson.Serialize(writer, c.Version == 0 ? c : c with { Version = 0 });
                documents._ends[i] = documents._written;
            }

            return documents;
        }
        catch
        {
            documents.Dispose();
            throw;
        }
    }

    /// <summary>Gets document <paramref name="index"/>; valid until dispose.</summary>
    public ReadOnlyMemory<byte> this[int index] =>
        _buffer.AsMemory(index == 0 ? 0 : _ends[index - 1], _ends[index] - (index == 0 ? 0 : _ends[index - 1]));

    /// <inheritdoc/>
    public void Advance(int count) => _written += count;

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow(int sizeHint)
    {
        var need = Math.Max(sizeHint, 256);
        if (_buffer.Length - _written >= need)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + need));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
