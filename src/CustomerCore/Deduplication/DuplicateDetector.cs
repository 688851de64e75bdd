using CustomerCore.Deduplication.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerCore.Deduplication;

/// <summary>Detects duplicates with a Fellegi-Sunter model fitted to the data itself (EM), multi-key blocking and non-chaining clustering.</summary>
/// <remarks>Pure and synchronous: it never calls a store. Cost is linear in records plus candidate pairs; the scoring step
/// uses all cores. Instances are stateless and thread-safe.</remarks>
public sealed class DuplicateDetector : IDuplicateDetector
{
    private readonly DeduplicationOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a detector from registered options.</summary>
    /// <param name="options">The options.</param>
    /// <param name="logger">An optional logger.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option value is out of range.</exception>
    public DuplicateDetector(IOptions<DeduplicationOptions> options, ILogger<DuplicateDetector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var errors = DeduplicationOptionsValidator.Errors(_options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Creates a detector with the given options, without dependency injection.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option value is out of range.</exception>
    public DuplicateDetector(DeduplicationOptions options)
        : this(Options.Create(options ?? throw new ArgumentNullException(nameof(options))))
    {
    }

    /// <inheritdoc/>
    public DeduplicationResult Deduplicate(IReadOnlyList<DedupeRecord> records, IProgress<double>? progress = null)
    {
        Validate(records, null);
        using var activity = CustomerCore.Internal.Telemetry.Source.StartActivity("customercore.dedupe.scan");
        activity?.SetTag("customercore.records", records.Count);
        var run = RunInternal(records, null, progress);
        CustomerCore.Internal.Telemetry.DedupeRecords.Add(records.Count);
        return ToResult(run);
    }

    /// <summary>Finds clusters of duplicate records in one set, with the match probabilities (m) taken from labelled pairs.</summary>
    /// <param name="records">The records; ids must be unique and non-empty.</param>
    /// <param name="labels">Pairs a person labelled; the matches set m per field and level, the prior and u are estimated as usual
    /// (random pairs inside a group of records joined by labelled matches are left out of the u sample).</param>
    /// <param name="progress">An optional receiver of the completed fraction, from 0 to 1.</param>
    /// <returns>One cluster assignment per record, the matched pairs with explanations, and blocking figures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentException">A record is null, an id is empty or repeated, or a label names an id that is not among the records.</exception>
    /// <remarks>Labelled non-matches are accepted but do not set u: people label the hard cases, so they are not a random
    /// sample of non-matching pairs. With no labelled match the result equals <see cref="Deduplicate(IReadOnlyList{DedupeRecord}, IProgress{double})"/>.
    /// With at least 200 labelled matches that compare both the name (or organization, or family name) and the street line,
    /// those two fields are also compared jointly: m of each pair of levels comes from the labels, so a store whose sites
    /// are listed under several names learns that "name different, street exact" is common among its matches. Explanations
    /// then carry one more contribution, <c>name+street</c>, with what the joint adds to the two fields' own weights.</remarks>
    public DeduplicationResult Deduplicate(IReadOnlyList<DedupeRecord> records, IReadOnlyList<LabelledPair> labels, IProgress<double>? progress = null)
    {
        Validate(records, null);
        ArgumentNullException.ThrowIfNull(labels);
        var rowOf = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            rowOf[records[i].Id] = i;
        }

        var matches = new List<(int, int)>();
        foreach (var label in labels)
        {
            if (label.LeftId is null || label.RightId is null || !rowOf.TryGetValue(label.LeftId, out var a) || !rowOf.TryGetValue(label.RightId, out var b))
            {
                throw new ArgumentException("A label names a record id that is not among the records.", nameof(labels));
            }

            if (label.IsMatch && a != b)
            {
                matches.Add((a, b));
            }
        }

        var features = Engine.Prepare(_options, records, null);
        var run = new Engine(_options).Execute(features, records.Count, link: false, progress, labelledMatches: matches);
        return ToResult(run);
    }

    /// <inheritdoc/>
    public DeduplicationResult Link(IReadOnlyList<DedupeRecord> left, IReadOnlyList<DedupeRecord> right, IProgress<double>? progress = null)
    {
        Validate(left, right);
        var run = RunInternal(left, right, progress);
        return ToResult(run);
    }

    /// <inheritdoc/>
    public DuplicateIndex CreateIndex(IReadOnlyList<DedupeRecord> records)
    {
        Validate(records, null);
        var run = RunInternal(records, null, null);
        return new DuplicateIndex(_options, run);
    }

    internal Engine.Run RunInternal(IReadOnlyList<DedupeRecord> left, IReadOnlyList<DedupeRecord>? right, IProgress<double>? progress)
    {
        var features = Engine.Prepare(_options, left, right);
        var run = new Engine(_options).Execute(features, left.Count, right is not null, progress);
        foreach (var key in run.Blocking.Keys)
        {
            if (key.SkippedBlocks > 0)
            {
                Log.BlocksSkipped(_logger, key.Key, key.SkippedBlocks);
            }
        }

        return run;
    }

    internal DeduplicationOptions EngineOptions => _options;

    /// <summary>Deduplicates prepared features and returns the fitted model too, detached for checks of other records.</summary>
    internal (DeduplicationResult Result, Model Model) DeduplicateFeatures(Features features, IProgress<double>? progress)
    {
        var run = new Engine(_options).Execute(features, features.Count, link: false, progress);
        foreach (var key in run.Blocking.Keys)
        {
            if (key.SkippedBlocks > 0)
            {
                Log.BlocksSkipped(_logger, key.Key, key.SkippedBlocks);
            }
        }

        var result = ToResult(run);
        run.Model.DetachRows();
        return (result, run.Model);
    }

    private DeduplicationResult ToResult(Engine.Run run)
    {
        var f = run.Features;
        var threshold = Math.Log2(_options.MatchThreshold / Math.Max(1e-12, 1 - _options.MatchThreshold));
        var pairs = new List<(float W, ScoredPair Pair)>();
        for (var p = 0; p < run.Candidates.Length; p++)
        {
            if (run.Weights[p] >= threshold)
            {
                var pair = run.Candidates[p];
                pairs.Add((run.Weights[p], Engine.Explain(f, run.Model, (int)(pair >> 32), (int)(pair & 0xFFFFFFFF), run.Weights[p])));
            }
        }

        pairs.Sort((a, b) => b.W.CompareTo(a.W));
        var assignments = new ClusterAssignment[f.Count];
        var multi = new HashSet<int>();
        for (var i = 0; i < f.Count; i++)
        {
            assignments[i] = new ClusterAssignment(f.Ids[i], f.Ids[run.ClusterOf[i]]);
            if (run.ClusterOf[i] != i)
            {
                multi.Add(run.ClusterOf[i]);
            }
        }

        Log.DeduplicationCompleted(_logger, f.Count, run.Blocking.CandidatePairs, pairs.Count, multi.Count);
        return new DeduplicationResult(assignments, pairs.ConvertAll(x => x.Pair), run.Blocking);
    }

    private static void Validate(IReadOnlyList<DedupeRecord> left, IReadOnlyList<DedupeRecord>? right)
    {
        ArgumentNullException.ThrowIfNull(left);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Check(left, ids, nameof(left));
        if (right is not null)
        {
            Check(right, ids, nameof(right));
        }
    }

    internal static void Check(IReadOnlyList<DedupeRecord> records, HashSet<string> ids, string name)
    {
        ArgumentNullException.ThrowIfNull(records, name);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i] ?? throw new ArgumentException($"Record {i} is null; every record must be non-null.", name);
            if (string.IsNullOrWhiteSpace(r.Id))
            {
                throw new ArgumentException($"Record {i} has an empty id; every record needs a non-empty id.", name);
            }

            if (!ids.Add(r.Id))
            {
                throw new ArgumentException($"Record {i} repeats an id used earlier; ids must be unique.", name);
            }
        }
    }
}
