using CustomerCore.Deduplication.Internal;

namespace CustomerCore.Deduplication;

/// <summary>Checks one new record against indexed records at entry time, using the blocking keys and the fitted model.</summary>
/// <remarks>A check looks up each blocking key of the new record (binary search over sorted key arrays) and scores only
/// the records found, so it costs milliseconds regardless of the index size. Checks and additions are serialized by a lock.</remarks>
public sealed class DuplicateIndex
{
    private readonly DeduplicationOptions _options;
    private readonly Features _features;
    private readonly Model _model;
    private readonly List<BlockingRule> _rules;
    private readonly ulong[][] _hashes;
    private readonly int[][] _rows;
    private readonly Dictionary<ulong, List<int>>[] _added;
    private readonly HashSet<string> _ids;
    private readonly Lock _lock = new();

    internal DuplicateIndex(DeduplicationOptions options, Engine.Run run)
    {
        _options = options;
        _features = run.Features;
        _model = run.Model;
        _rules = run.Rules;
        _ids = new HashSet<string>(_features.Ids, StringComparer.Ordinal);
        _hashes = new ulong[_rules.Count][];
        _rows = new int[_rules.Count][];
        _added = new Dictionary<ulong, List<int>>[_rules.Count];
        var keys = new List<ulong>();
        for (var r = 0; r < _rules.Count; r++)
        {
            var h = new List<ulong>();
            var rows = new List<int>();
            for (var i = 0; i < _features.Count; i++)
            {
                keys.Clear();
                _rules[r].Keys(_features, i, keys);
                foreach (var k in keys)
                {
                    h.Add(k);
                    rows.Add(i);
                }
            }

            _hashes[r] = [.. h];
            _rows[r] = [.. rows];
            Array.Sort(_hashes[r], _rows[r]);
            _added[r] = [];
        }
    }

    /// <summary>Gets the number of indexed records.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _features.Count;
            }
        }
    }

    /// <summary>Finds indexed records that probably are duplicates of a record, best first.</summary>
    /// <param name="record">The record to check; it is not added.</param>
    /// <param name="maxResults">The most candidates to return.</param>
    /// <returns>The candidates at or above the match threshold, each with its per-field explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxResults"/> is less than 1.</exception>
    public IReadOnlyList<DuplicateCandidate> FindDuplicates(DedupeRecord record, int maxResults = 10)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        lock (_lock)
        {
            _features.Add(record);
            try
            {
                var q = _features.Count - 1;
                var found = new HashSet<int>();
                var keys = new List<ulong>();
                for (var r = 0; r < _rules.Count; r++)
                {
                    keys.Clear();
                    _rules[r].Keys(_features, q, keys);
                    foreach (var k in keys)
                    {
                        Collect(r, k, found);
                    }
                }

                var threshold = Math.Log2(_options.MatchThreshold / Math.Max(1e-12, 1 - _options.MatchThreshold));
                var scored = new List<(double W, int Row)>();
                foreach (var row in found)
                {
                    var w = _model.Score(_features, q, row, default);
                    if (w >= threshold)
                    {
                        scored.Add((w, row));
                    }
                }

                scored.Sort((a, b) => b.W.CompareTo(a.W));
                var result = new List<DuplicateCandidate>(Math.Min(maxResults, scored.Count));
                for (var s = 0; s < scored.Count && s < maxResults; s++)
                {
                    result.Add(new DuplicateCandidate(Engine.Explain(_features, _model, q, scored[s].Row)));
                }

                return result;
            }
            finally
            {
                _features.RemoveLast();
            }
        }
    }

    /// <summary>Adds a record to the index so later checks find it.</summary>
    /// <param name="record">The record; its id must not be in the index yet.</param>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentException">The id is empty or already indexed.</exception>
    public void Add(DedupeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Id, nameof(record));
        lock (_lock)
        {
            if (!_ids.Add(record.Id))
            {
                throw new ArgumentException("The record id is already indexed; ids must be unique.", nameof(record));
            }

            _features.Add(record);
            var row = _features.Count - 1;
            var keys = new List<ulong>();
            for (var r = 0; r < _rules.Count; r++)
            {
                keys.Clear();
                _rules[r].Keys(_features, row, keys);
                foreach (var k in keys)
                {
                    if (!_added[r].TryGetValue(k, out var list))
                    {
                        _added[r][k] = list = [];
                    }

                    list.Add(row);
                }
            }
        }
    }

    private void Collect(int rule, ulong key, HashSet<int> found)
    {
        var h = _hashes[rule];
        var lo = Array.BinarySearch(h, key);
        if (lo >= 0)
        {
            while (lo > 0 && h[lo - 1] == key)
            {
                lo--;
            }

            var hi = lo;
            while (hi < h.Length && h[hi] == key)
            {
                hi++;
            }

            var limit = _rules[rule].MaxBlockSize > 0 ? Math.Min(_rules[rule].MaxBlockSize, _options.MaxBlockSize) : _options.MaxBlockSize;
            if (hi - lo <= limit)
            {
                for (var x = lo; x < hi; x++)
                {
                    found.Add(_rows[rule][x]);
                }
            }
        }

        if (_added[rule].TryGetValue(key, out var more))
        {
            found.UnionWith(more);
        }
    }
}
