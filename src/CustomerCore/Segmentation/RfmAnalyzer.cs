using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CustomerCore.Segmentation;

/// <summary>Computes RFM scores and segments from transactions or from pre-aggregated customer activity.</summary>
/// <remarks>
/// One pass aggregates transactions into per-customer arrays (O(t) time, O(c) memory for c customers); scoring sorts
/// each of the three columns once (O(c log c)). The columnar overload runs the aggregation as a tight loop over spans
/// with no allocation per transaction. Deterministic: rows are returned in ordinal order of customer id.
/// </remarks>
public static class RfmAnalyzer
{
    /// <summary>Aggregates transactions and scores every customer.</summary>
    /// <param name="transactions">The transactions, in any order.</param>
    /// <param name="asOf">The analysis date; recency is the days from the last purchase to it.</param>
    /// <param name="options">The binning and segment scheme; <see langword="null"/> for the R-exact defaults.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or a transaction has a blank customer id or is dated after <paramref name="asOf"/>.</exception>
    public static RfmResult Analyze(IEnumerable<TransactionRecord> transactions, DateOnly asOf, RfmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var aggregate = new Aggregator();
        foreach (var t in transactions)
        {
            aggregate.Add(t, asOf);
        }

        return Score(aggregate.ToActivity(asOf), aggregate.Orders, options ?? new RfmOptions());
    }

    /// <summary>Aggregates a transaction stream and scores every customer, holding one row per customer in memory.</summary>
    /// <param name="transactions">The transactions, in any order.</param>
    /// <param name="asOf">The analysis date.</param>
    /// <param name="options">The binning and segment scheme.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentException">The options or a transaction are invalid.</exception>
    public static async Task<RfmResult> AnalyzeAsync(IAsyncEnumerable<TransactionRecord> transactions, DateOnly asOf, RfmOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var aggregate = new Aggregator();
        await foreach (var t in transactions.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            aggregate.Add(t, asOf);
        }

        return Score(aggregate.ToActivity(asOf), aggregate.Orders, options ?? new RfmOptions());
    }

    /// <summary>Aggregates columnar transactions (customer index, day number, amount) and scores every customer.</summary>
    /// <param name="customerIndex">For each transaction, the index of its customer in <paramref name="customerIds"/>.</param>
    /// <param name="dayNumber">For each transaction, its date as <see cref="DateOnly.DayNumber"/>.</param>
    /// <param name="amount">For each transaction, its amount.</param>
    /// <param name="customerIds">The customer ids.</param>
    /// <param name="asOf">The analysis date.</param>
    /// <param name="options">The binning and segment scheme.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or an index is out of range.</exception>
    public static RfmResult Analyze(ReadOnlySpan<int> customerIndex, ReadOnlySpan<int> dayNumber, ReadOnlySpan<double> amount, IReadOnlyList<string> customerIds, DateOnly asOf, RfmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        if (customerIndex.Length != dayNumber.Length || customerIndex.Length != amount.Length)
        {
            throw new ArgumentException("customerIndex, dayNumber and amount must have the same length.", nameof(customerIndex));
        }

        var c = customerIds.Count;
        var last = new int[c];
        var frequency = new int[c];
        var monetary = new double[c];
        Array.Fill(last, int.MinValue);
        Aggregate(customerIndex, dayNumber, amount, last, frequency, monetary);
        var activity = new List<CustomerActivity>(c);
        long orders = 0;
        for (var i = 0; i < c; i++)
        {
            if (frequency[i] > 0)
            {
                activity.Add(new CustomerActivity(customerIds[i], asOf.DayNumber - last[i], frequency[i], (decimal)monetary[i]));
                orders += frequency[i];
            }
        }

        return Score(activity, null, options ?? new RfmOptions());
    }

    /// <summary>Runs the one-pass aggregation only: the hot loop the throughput benchmark measures.</summary>
    /// <param name="customerIndex">The customer index per transaction.</param>
    /// <param name="dayNumber">The day number per transaction.</param>
    /// <param name="amount">The amount per transaction.</param>
    /// <param name="last">Receives the last day per customer (initialize to <see cref="int.MinValue"/>).</param>
    /// <param name="frequency">Receives the count per customer.</param>
    /// <param name="monetary">Receives the sum per customer.</param>
    /// <exception cref="ArgumentException">A customer index is out of range.</exception>
    public static void Aggregate(ReadOnlySpan<int> customerIndex, ReadOnlySpan<int> dayNumber, ReadOnlySpan<double> amount, Span<int> last, Span<int> frequency, Span<double> monetary)
    {
        var c = (uint)last.Length;
        if (frequency.Length != last.Length || monetary.Length != last.Length)
        {
            throw new ArgumentException("last, frequency and monetary must have one slot per customer.", nameof(last));
        }

        for (var i = 0; i < customerIndex.Length; i++)
        {
            var k = customerIndex[i];
            if ((uint)k >= c)
            {
                throw new ArgumentException($"Transaction {i} has customer index {k}, outside 0..{c - 1}.", nameof(customerIndex));
            }

            var d = dayNumber[i];
            if (d > last[k])
            {
                last[k] = d;
            }

            frequency[k]++;
            monetary[k] += amount[i];
        }
    }

    /// <summary>Scores customers whose recency, frequency and monetary values are already known.</summary>
    /// <param name="customers">The customers; ids must be unique.</param>
    /// <param name="options">The binning and segment scheme.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentException">The options are invalid or an id repeats.</exception>
    public static RfmResult Score(IReadOnlyList<CustomerActivity> customers, RfmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Score(customers, null, options ?? new RfmOptions());
    }

    private static RfmResult Score(IReadOnlyList<CustomerActivity> customers, Dictionary<string, long>? orders, RfmOptions options)
    {
        Validate(options);
        var n = customers.Count;
        var rows = new CustomerActivity[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = customers[i];
        }

        // Rows come back in ordinal id order; skip the O(n log n) string sort when the input already is (columnar stores usually are).
        var sorted = true;
        for (var i = 1; i < n && sorted; i++)
        {
            sorted = string.CompareOrdinal(rows[i - 1].CustomerId, rows[i].CustomerId) < 0;
        }

        if (!sorted)
        {
            Array.Sort(rows, static (a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
            for (var i = 1; i < n; i++)
            {
                if (string.Equals(rows[i].CustomerId, rows[i - 1].CustomerId, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Customer {rows[i].CustomerId} appears twice.", nameof(customers));
                }
            }
        }

        var recency = new double[n];
        var frequency = new double[n];
        var monetary = new double[n];
        for (var i = 0; i < n; i++)
        {
            recency[i] = rows[i].RecencyDays;
            frequency[i] = rows[i].Frequency;
            monetary[i] = (double)rows[i].Monetary;
        }

        var bins = options.Bins;
        var (rBins, rBreaks) = Bin(recency, options.Binning, bins, options.RecencyBreaks);
        var (fBins, fBreaks) = Bin(frequency, options.Binning, bins, options.FrequencyBreaks);
        var (mBins, mBreaks) = Bin(monetary, options.Binning, bins, options.MonetaryBreaks);
        var result = new RfmCustomer[n];
        var rules = options.Scheme.Rules;
        var counts = new int[rules.Count + 1]; // the last slot is "Others"
        var orderCounts = new long[rules.Count + 1];
        var revenue = new decimal[rules.Count + 1];
        for (var i = 0; i < n; i++)
        {
            // Recent is good: the lowest recency bin gets the highest score.
            var r = bins + 1 - rBins[i];
            var f = fBins[i];
            var m = mBins[i];
            var rule = options.Scheme.IndexOf(r, f, m);
            var segment = rule < rules.Count ? rules[rule].Segment : RfmSegmentScheme.Others;
            result[i] = new RfmCustomer(rows[i].CustomerId, rows[i].RecencyDays, rows[i].Frequency, rows[i].Monetary, r, f, m, segment);
            counts[rule]++;
            orderCounts[rule] += orders is null ? rows[i].Frequency : orders.GetValueOrDefault(rows[i].CustomerId);
            revenue[rule] += rows[i].Monetary;
        }

        var summary = new Dictionary<string, (int Customers, long Orders, decimal Revenue)>(StringComparer.Ordinal);
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] > 0)
            {
                var name = k < rules.Count ? rules[k].Segment : RfmSegmentScheme.Others;
                var s = summary.GetValueOrDefault(name);
                summary[name] = (s.Customers + counts[k], s.Orders + orderCounts[k], s.Revenue + revenue[k]);
            }
        }

        var segments = summary.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new SegmentSummary(kv.Key, kv.Value.Customers, kv.Value.Orders, kv.Value.Revenue)).ToList();
        CustomerCore.Internal.Telemetry.SegmentedCustomers.Add(n);
        return new RfmResult(result, new RfmBreaks(rBreaks, fBreaks, mBreaks), segments);
    }

    private static void Validate(RfmOptions options)
    {
        if (options.Bins is < 2 or > 9)
        {
            throw new ArgumentException("Bins must be between 2 and 9.", nameof(options));
        }

        if (!Enum.IsDefined(options.Binning))
        {
            throw new ArgumentException("Binning must be Quantile, EqualCount or Fixed.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.Scheme);
        if (options.Binning == RfmBinning.Fixed)
        {
            foreach (var (name, breaks) in new[] { ("RecencyBreaks", options.RecencyBreaks), ("FrequencyBreaks", options.FrequencyBreaks), ("MonetaryBreaks", options.MonetaryBreaks) })
            {
                if (breaks is null || breaks.Count != options.Bins - 1 || breaks.Any(b => !double.IsFinite(b)) || breaks.Zip(breaks.Skip(1)).Any(p => p.First > p.Second))
                {
                    throw new ArgumentException($"{name} must hold Bins - 1 = {options.Bins - 1} ascending finite values for Fixed binning.", nameof(options));
                }
            }
        }
    }

    /// <summary>Returns 1-based bins per value and the breaks used.</summary>
    private static (int[] Bins, double[] Breaks) Bin(double[] values, RfmBinning binning, int bins, IReadOnlyList<double>? fixedBreaks)
    {
        var n = values.Length;
        var result = new int[n];
        if (n == 0)
        {
            return (result, []);
        }

        if (binning == RfmBinning.EqualCount)
        {
            var order = Enumerable.Range(0, n).ToArray();
            var keys = (double[])values.Clone();
            Array.Sort(keys, order); // stable with respect to input order, which is ordinal customer id order
            var breaks = new double[bins - 1];
            for (var rank = 0; rank < n; rank++)
            {
                var bin = (int)((long)rank * bins / n);
                result[order[rank]] = bin + 1;
                if (bin > 0 && (rank == 0 || (int)((long)(rank - 1) * bins / n) != bin))
                {
                    breaks[bin - 1] = keys[rank];
                }
            }

            return (result, breaks);
        }

        double[] cuts;
        if (binning == RfmBinning.Fixed)
        {
            cuts = [.. fixedBreaks!];
        }
        else
        {
            // R rfm 0.3.0: breaks are type-7 quantiles at 1/bins, 2/bins, ... plus one. Selection, not a full sort:
            // each order statistic is found in O(n) and narrows the range for the next one.
            var work = (double[])values.Clone();
            cuts = new double[bins - 1];
            var from = 0;
            for (var k = 1; k < bins; k++)
            {
                var h = (n - 1) * ((double)k / bins);
                var lo = (int)Math.Floor(h);
                var low = Select(work, from, n - 1, lo);
                var high = lo + 1 < n ? Select(work, lo + 1, n - 1, lo + 1) : low;
                cuts[k - 1] = low + ((h - lo) * (high - low)) + 1;
                from = lo;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var bin = 1;
            foreach (var cut in cuts)
            {
                if (values[i] >= cut)
                {
                    bin++;
                }
            }

            result[i] = bin;
        }

        return (result, cuts);
    }

    /// <summary>Puts the k-th smallest of values[left..right] at index k (Hoare quickselect, median-of-three) and returns it.</summary>
    private static double Select(double[] values, int left, int right, int k)
    {
        while (left < right)
        {
            var mid = left + ((right - left) / 2);
            var pivot = Median(values[left], values[mid], values[right]);
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static double Median(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    private sealed class Aggregator
    {
        private readonly Dictionary<string, (int Last, int Count, decimal Sum)> _byCustomer = new(StringComparer.Ordinal);

        public Dictionary<string, long> Orders { get; } = new(StringComparer.Ordinal);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(TransactionRecord t, DateOnly asOf)
        {
            if (string.IsNullOrWhiteSpace(t.CustomerId))
            {
                throw new ArgumentException("A transaction has a blank customer id.", nameof(t));
            }

            if (t.Date > asOf)
            {
                throw new ArgumentException("A transaction is dated after the analysis date; pick an asOf on or after the last transaction.", nameof(t));
            }

            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_byCustomer, t.CustomerId, out var exists);
            slot = exists ? (Math.Max(slot.Last, t.Date.DayNumber), slot.Count + 1, slot.Sum + t.Amount) : (t.Date.DayNumber, 1, t.Amount);
        }

        public List<CustomerActivity> ToActivity(DateOnly asOf)
        {
            var list = new List<CustomerActivity>(_byCustomer.Count);
            foreach (var (id, (last, count, sum)) in _byCustomer)
            {
                list.Add(new CustomerActivity(id, asOf.DayNumber - last, count, sum));
                Orders[id] = count;
            }

            return list;
        }
    }
}
