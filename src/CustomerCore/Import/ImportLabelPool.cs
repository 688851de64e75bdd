namespace CustomerCore.Import;

/// <summary>Shares one string per distinct label (tag, owner) among the rows of a chunk, looked up by span.</summary>
/// <remarks>Why: a customer waiting in an import batch keeps its tag and owner strings alive through several garbage
/// collections, and a file repeats a few of them on every row. Not thread-safe: one pool per chunk being prepared.</remarks>
internal sealed class ImportLabelPool
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ImportLabelPool() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Gets the pooled string equal to <paramref name="text"/>, adding it when absent.</summary>
    /// <param name="text">The label.</param>
    /// <param name="whole">A string equal to <paramref name="text"/> to pool instead of a copy, or null.</param>
    /// <returns>The pooled string.</returns>
    public string Get(ReadOnlySpan<char> text, string? whole)
    {
        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        pooled = whole ?? text.ToString();
        _set.Add(pooled);
        return pooled;
    }
}
