namespace CustomerCore.Deduplication.Internal;

/// <summary>A Fellegi-Sunter model: per-field m and u probabilities per level, a prior, and term frequencies.</summary>
/// <remarks>u comes from random pairs (almost all non-matches); m and the prior come from expectation-maximization over
/// the blocked candidate pairs (see <see cref="EstimateM"/>). Exact matches are adjusted for term frequency.</remarks>
internal sealed class Model
{
    private const double Floor = 1e-6;
    private const double MinIdentifierExactM = 0.5;
    private const double MaxIdentifierExactU = 1e-3;
    private readonly double[,] _m;
    private readonly double[,] _u;
    private readonly double[,] _uRandom;
    private readonly double[,] _w;
    private readonly Dictionary<string, int>?[] _tf;
    private readonly int[] _tfTotal;
    private readonly int[]?[] _tfRow;
    private readonly bool _useTf;
    private readonly double[,] _jointM = new double[Comparator.LevelCount, Comparator.LevelCount];
    private readonly double[,] _jointW = new double[Comparator.LevelCount, Comparator.LevelCount];
    private bool _jointActive;
    private sbyte[] _uVectors = [];

    public Model(List<Comparator> comparators, bool useTf)
    {
        Comparators = comparators;
        var c = comparators.Count;
        _m = new double[c, Comparator.LevelCount];
        _u = new double[c, Comparator.LevelCount];
        _uRandom = new double[c, Comparator.LevelCount];
        _w = new double[c, Comparator.LevelCount];
        _tf = new Dictionary<string, int>?[c];
        _tfTotal = new int[c];
        _tfRow = new int[]?[c];
        _useTf = useTf;
        for (var k = 0; k < c; k++)
        {
            var init = comparators[k].InitialM;
            for (var l = 0; l < Comparator.LevelCount; l++)
            {
                _m[k, l] = init[l];
                _u[k, l] = 0.25;
            }
        }

        Lambda = 0.05;
        (JointA, JointB) = FindJoint(comparators);
    }

    /// <summary>Gets the comparator index of the name field of the joint comparison, or -1 when there is none.</summary>
    public int JointA { get; }

    /// <summary>Gets the comparator index of the street field of the joint comparison, or -1 when there is none.</summary>
    public int JointB { get; }

    /// <summary>Gets the name of the joint comparison (<c>name+street</c>) while it is in use, otherwise null.</summary>
    public string? JointName => _jointActive ? Comparators[JointA].Name + "+" + Comparators[JointB].Name : null;

    // The joint comparison pairs the entity's name (full name, else organization, else family name) with the street line.
    private static (int A, int B) FindJoint(List<Comparator> comparators)
    {
        var b = comparators.FindIndex(c => c.Name == "street");
        if (b < 0)
        {
            return (-1, -1);
        }

        foreach (var name in (string[])["name", "organization", "family_name"])
        {
            var a = comparators.FindIndex(c => c.Name == name);
            if (a >= 0)
            {
                return (a, b);
            }
        }

        return (-1, -1);
    }

    /// <summary>Returns m of one cell of the joint comparison (name level, street level).</summary>
    public double JointM(int a, int b) => _jointM[a, b];

    /// <summary>Returns what the joint comparison adds to the two fields' own weights: 0 when it is not in use or a level is missing.</summary>
    public double Interaction(int a, int b) => _jointActive && a >= 0 && b >= 0 ? _jointW[a, b] : 0;

    public List<Comparator> Comparators { get; }

    public double Lambda { get; private set; }

    public double PriorWeight => Math.Log2(Lambda / (1 - Lambda));

    public double M(int k, int l) => _m[k, l];

    public double U(int k, int l) => _u[k, l];

    /// <summary>Counts term frequencies of the fields that take a frequency adjustment.</summary>
    public void CountTermFrequencies(Features f)
    {
        if (!_useTf)
        {
            return;
        }

        for (var k = 0; k < Comparators.Count; k++)
        {
            Dictionary<string, int>? counts = null;
            var total = 0;
            for (var i = 0; i < f.Count; i++)
            {
                var v = Comparators[k].TfValue(f, i);
                if (v is null)
                {
                    continue;
                }

                counts ??= new Dictionary<string, int>(StringComparer.Ordinal);
                counts[v] = counts.GetValueOrDefault(v) + 1;
                total++;
            }

            _tf[k] = counts;
            _tfTotal[k] = total;
            if (counts is not null)
            {
                // Per-row counts turn the scoring-time lookup into an array read.
                var rows = new int[f.Count];
                for (var i = 0; i < f.Count; i++)
                {
                    var v = Comparators[k].TfValue(f, i);
                    rows[i] = v is null ? 1 : counts[v];
                }

                _tfRow[k] = rows;
            }
        }
    }

    /// <summary>Drops the per-row frequency caches so the model can score rows of another record set (lookups go by value).</summary>
    public void DetachRows() => Array.Clear(_tfRow);

    /// <summary>Estimates u from random pairs (all pairs when there are few records).</summary>
    public void EstimateU(Features f, int sampleSize, int seed, Func<int, int, bool> allowed)
    {
        var c = Comparators.Count;
        var counts = new double[c, Comparator.LevelCount];
        var n = f.Count;
        var rng = new Random(seed);
        long allPairs = (long)n * (n - 1) / 2;
        var vectors = new List<sbyte>((int)Math.Min(allPairs, sampleSize) * c);
        if (allPairs <= sampleSize)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    if (allowed(i, j))
                    {
                        Count(f, i, j, counts, vectors);
                    }
                }
            }
        }
        else
        {
            for (var s = 0; s < sampleSize; s++)
            {
                var i = rng.Next(n);
                var j = rng.Next(n);
                if (i != j && allowed(i, j))
                {
                    Count(f, i, j, counts, vectors);
                }
            }
        }

        _uVectors = [.. vectors];
        SetU(counts);
    }

    private void SetU(double[,] counts)
    {
        for (var k = 0; k < Comparators.Count; k++)
        {
            double total = 0;
            for (var l = 0; l < Comparator.LevelCount; l++)
            {
                total += counts[k, l];
            }

            for (var l = 0; l < Comparator.LevelCount; l++)
            {
                // Add-half smoothing keeps unseen levels finite.
                _u[k, l] = Math.Max(Floor, (counts[k, l] + 0.5) / (total + (0.5 * Comparator.LevelCount)));
                _uRandom[k, l] = _u[k, l];
            }

            // A small store samples few pairs, and smoothing alone would say one random pair in a few shares a phone.
            if (Comparators[k].IsIdentifier && _u[k, Comparator.Exact] > MaxIdentifierExactU)
            {
                _u[k, Comparator.Exact] = _uRandom[k, Comparator.Exact] = MaxIdentifierExactU;
            }
        }

        UpdateWeights();
    }

    /// <summary>Re-estimates u from the random pairs with the duplicates among them counted out: a random pair that shares a
    /// phone or e-mail exactly counts as a non-match only by its fitted non-match probability.</summary>
    /// <remarks>Random pairs hold the store's duplicates at the rate of the prior. Where duplicate groups are large, those
    /// duplicates make up most random pairs that agree on a field (Chicago: nearly every random pair on one street line is
    /// one site), so u of the agreeing levels is too high and the field counts for too little. Only pairs that share an
    /// identifier are counted out, and once, after EM: a pair counted out because of the very field being estimated would
    /// feed back into that field's weight, and EM then calls look-alikes (different restaurants at one address) matches.
    /// Sets without phones or e-mails keep their u unchanged. Measured (one default for every set): Chicago sites cluster F1
    /// 0.941 to 0.945, fake_1000 0.962 to 0.963, fake_20000 0.914 to 0.915, every other set unchanged.</remarks>
    public void CountOutSharedIdentifierMatches()
    {
        var c = Comparators.Count;
        if (c == 0 || _uVectors.Length == 0 || !Comparators.Exists(x => x.IsIdentifier))
        {
            return;
        }

        var counts = new double[c, Comparator.LevelCount];
        for (var off = 0; off < _uVectors.Length; off += c)
        {
            var vector = _uVectors.AsSpan(off, c);
            var weight = 1.0;
            for (var k = 0; k < c; k++)
            {
                if (Comparators[k].IsIdentifier && vector[k] == Comparator.Exact)
                {
                    weight = 1 - ToProbability(VectorWeight(vector));
                    break;
                }
            }

            for (var k = 0; k < c; k++)
            {
                if (vector[k] >= 0)
                {
                    counts[k, vector[k]] += weight;
                }
            }
        }

        SetU(counts);
    }

    // The model's weight of a comparison vector (prior included, no frequency adjustment), as EM sees it.
    private double VectorWeight(ReadOnlySpan<sbyte> vector)
    {
        var w = PriorWeight;
        for (var k = 0; k < vector.Length; k++)
        {
            if (vector[k] >= 0)
            {
                w += _w[k, vector[k]];
            }
        }

        return w;
    }

    private void Count(Features f, int i, int j, double[,] counts, List<sbyte> vectors)
    {
        for (var k = 0; k < Comparators.Count; k++)
        {
            var l = Comparators[k].Compare(f, i, j);
            vectors.Add((sbyte)l);
            if (l >= 0)
            {
                counts[k, l]++;
            }
        }
    }

    /// <summary>Runs EM for m and the prior over comparison vectors (one sbyte per field, -1 missing).</summary>
    /// <param name="vectors">The comparison vectors of a sample of candidate pairs.</param>
    /// <param name="pairCount">The number of sampled pairs.</param>
    /// <param name="iterations">The EM iterations.</param>
    /// <param name="candidatePairs">The number of candidate pairs the sample stands for.</param>
    /// <param name="allPairs">The number of all record pairs, for the prior of a random pair.</param>
    /// <remarks>u stays at its random-pair estimate and the prior is the match rate among all pairs (expected matches
    /// among the candidates divided by all pairs), so weights are the usual Fellegi-Sunter log-likelihood ratios. Using
    /// the all-pairs prior rather than the candidate match rate keeps EM from calling every blocked pair a match.</remarks>
    public void EstimateM(sbyte[] vectors, int pairCount, int iterations, double candidatePairs, double allPairs)
    {
        var c = Comparators.Count;
        var sum = new double[c, Comparator.LevelCount];
        var scale = candidatePairs / Math.Max(1, pairCount);

        // Start by assuming a tenth of the candidates are matches.
        Lambda = Math.Clamp(0.1 * candidatePairs / Math.Max(1, allPairs), 1e-12, 0.5);
        for (var it = 0; it < iterations; it++)
        {
            Array.Clear(sum);
            double expected = 0;
            for (var p = 0; p < pairCount; p++)
            {
                var off = p * c;
                var prob = ToProbability(VectorWeight(vectors.AsSpan(off, c)));
                expected += prob;
                for (var k = 0; k < c; k++)
                {
                    var l = vectors[off + k];
                    if (l >= 0)
                    {
                        sum[k, l] += prob;
                    }
                }
            }

            for (var k = 0; k < c; k++)
            {
                double total = 0;
                for (var l = 0; l < Comparator.LevelCount; l++)
                {
                    total += sum[k, l];
                }

                for (var l = 0; l < Comparator.LevelCount && total > 1e-9; l++)
                {
                    _m[k, l] = Math.Max(Floor, (sum[k, l] + 0.01) / (total + 0.04));
                }
            }

            BoundIdentifiers();
            BoundDifferent();
            Lambda = Math.Clamp(expected * scale / Math.Max(1, allPairs), 1e-12, 0.5);
            UpdateWeights();
        }
    }

    // EM over a store with few true duplicates can settle on look-alike pairs from blocking (same surname, different
    // people) as "matches" and learn that matches rarely share a phone; a true duplicate shares its phone or email at
    // least half the time, so the exact level of an identifier keeps that much and the other levels share the rest.
    private void BoundIdentifiers()
    {
        for (var k = 0; k < Comparators.Count; k++)
        {
            var exact = _m[k, Comparator.Exact];
            if (!Comparators[k].IsIdentifier || exact >= MinIdentifierExactM)
            {
                continue;
            }

            var scale = (1 - MinIdentifierExactM) / Math.Max(1e-12, 1 - exact);
            for (var l = 0; l < Comparator.LevelCount; l++)
            {
                _m[k, l] = l == Comparator.Exact ? MinIdentifierExactM : Math.Max(Floor, _m[k, l] * scale);
            }
        }
    }

    // Fields whose comparator bounds the different level (street lines) give the excess to the agreeing levels in proportion.
    private void BoundDifferent()
    {
        for (var k = 0; k < Comparators.Count; k++)
        {
            var max = Comparators[k].MaxDifferentM;
            var different = _m[k, Comparator.Different];
            if (different <= max)
            {
                continue;
            }

            var scale = (1 - max) / Math.Max(1e-12, 1 - different);
            for (var l = 0; l < Comparator.LevelCount; l++)
            {
                _m[k, l] = l == Comparator.Different ? max : Math.Max(Floor, _m[k, l] * scale);
            }
        }
    }

    /// <summary>Sets m from pairs a person labelled as matches (add-half smoothing); u and the prior stay as estimated.</summary>
    /// <remarks>Labelled non-matches are a biased sample (people label the hard cases), so u keeps its random-pair estimate.</remarks>
    public void EstimateMFromLabels(Features f, IReadOnlyList<(int I, int J)> matches)
    {
        if (matches.Count == 0)
        {
            return;
        }

        var c = Comparators.Count;
        var counts = new double[c, Comparator.LevelCount];
        Array.Clear(_jointM);
        double jointMatches = 0;
        foreach (var (i, j) in matches)
        {
            int la = -1, lb = -1;
            for (var k = 0; k < c; k++)
            {
                var l = Comparators[k].Compare(f, i, j);
                if (l >= 0)
                {
                    counts[k, l]++;
                }

                la = k == JointA ? l : la;
                lb = k == JointB ? l : lb;
            }

            if (la >= 0 && lb >= 0)
            {
                _jointM[la, lb]++;
                jointMatches++;
            }
        }

        // The joint comparison needs labelled matches that compare both fields; a few cannot fill 16 cells.
        _jointActive = JointA >= 0 && jointMatches >= MinJointMatches;
        Smooth(_jointM, 0.5);

        for (var k = 0; k < c; k++)
        {
            double total = 0;
            for (var l = 0; l < Comparator.LevelCount; l++)
            {
                total += counts[k, l];
            }

            // A field the labelled matches never compare keeps its EM estimate.
            for (var l = 0; l < Comparator.LevelCount && total > 0; l++)
            {
                _m[k, l] = Math.Max(Floor, (counts[k, l] + 0.5) / (total + (0.5 * Comparator.LevelCount)));
            }
        }

        UpdateWeights();
    }

    /// <summary>Sets how many labelled matches must compare both fields of the joint comparison before it is used.</summary>
    /// <remarks>Sixteen cells with add-half smoothing need about ten matches per cell before the cell shares mean anything.
    /// Measured with 2-fold cross-validation by cluster (the evaluator's supervised rows): the restaurants' 56 training
    /// matches per fold fitted at 50 cost 0.005 cluster F1 (0.951 to 0.946).</remarks>
    internal const int MinJointMatches = 200;

    // Turns cell counts into probabilities with add-alpha smoothing, so unseen cells stay finite.
    private static void Smooth(double[,] cells, double alpha)
    {
        double total = 0;
        foreach (var v in cells)
        {
            total += v;
        }

        var denominator = total + (alpha * cells.Length);
        for (var a = 0; a < cells.GetLength(0); a++)
        {
            for (var b = 0; b < cells.GetLength(1); b++)
            {
                cells[a, b] = Math.Max(Floor, (cells[a, b] + alpha) / denominator);
            }
        }
    }

    private void UpdateWeights()
    {
        for (var k = 0; k < Comparators.Count; k++)
        {
            for (var l = 0; l < Comparator.LevelCount; l++)
            {
                _w[k, l] = Math.Log2(_m[k, l] / _u[k, l]);
            }
        }

        if (JointA < 0)
        {
            return;
        }

        for (var a = 0; a < Comparator.LevelCount; a++)
        {
            for (var b = 0; b < Comparator.LevelCount; b++)
            {
                // Non-matches are taken as independent in the two fields (u of the cell = u(name) x u(street)): random pairs
                // hold the store's duplicates too, and a joint u counted from them would cap a cell where duplicates are
                // common at even odds. So the joint weight log2(m(cell) / (u(name) u(street))) differs from the two fields'
                // own weights by log2(m(cell) / (m(name) m(street))): how much more (or less) often matches show both
                // levels together than the two fields alone predict.
                _jointW[a, b] = Math.Log2(_jointM[a, b] / (_m[JointA, a] * _m[JointB, b]));
            }
        }
    }

    /// <summary>Returns the weight of one field at one level, adjusted for the frequency of an exactly matching value.</summary>
    public double FieldWeight(Features f, int k, int level, int i, int j)
    {
        if (level < 0)
        {
            return 0;
        }

        if (level == Comparator.Exact && _tf[k] is { } counts)
        {
            var ca = RowCount(f, k, counts, i);
            var cb = RowCount(f, k, counts, j);
            var count = Math.Max(ca, cb);
            var tf = count / (double)_tfTotal[k];

            // An identifier (phone, email) held by just the two records compared is their own, not a common value: its
            // frequency in a small store (2 of N) would say different people share it one time in N/2. Shared lines
            // (three or more holders) are frequency-adjusted, leaving one of the compared records out.
            if (Comparators[k].IsIdentifier)
            {
                tf = count <= 2 ? _uRandom[k, level] : (count - 1) / (double)_tfTotal[k];
            }

            // Splink-style adjustment: the weight moves by log2(average exact-match rate / this value's frequency), where
            // both rates come from random pairs; common values weigh less, rare values more.
            return _w[k, level] + Math.Log2(_uRandom[k, level] / Math.Max(tf, Floor));
        }

        return _w[k, level];
    }

    private int RowCount(Features f, int k, Dictionary<string, int> counts, int i)
    {
        if (_tfRow[k] is { } rows && i < rows.Length)
        {
            return rows[i];
        }

        var v = Comparators[k].TfValue(f, i);
        return v is null ? 1 : counts.GetValueOrDefault(v, 1);
    }

    /// <summary>Scores a pair; fills levels when given.</summary>
    public double Score(Features f, int i, int j, Span<sbyte> levels)
    {
        var w = PriorWeight;
        int la = -1, lb = -1;
        for (var k = 0; k < Comparators.Count; k++)
        {
            var l = Comparators[k].Compare(f, i, j);
            if (!levels.IsEmpty)
            {
                levels[k] = (sbyte)l;
            }

            la = k == JointA ? l : la;
            lb = k == JointB ? l : lb;
            w += FieldWeight(f, k, l, i, j);
        }

        return w + Interaction(la, lb);
    }

    public static double ToProbability(double weight)
    {
        if (weight > 60)
        {
            return 1;
        }

        if (weight < -60)
        {
            return 0;
        }

        var odds = Math.Pow(2, weight);
        return odds / (1 + odds);
    }
}
