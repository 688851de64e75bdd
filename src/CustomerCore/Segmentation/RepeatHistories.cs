namespace CustomerCore.Segmentation;

/// <summary>Builds BG/NBD repeat histories from transactions, as Fader and Hardie define them.</summary>
public static class RepeatHistories
{
    /// <summary>Summarizes each customer's purchases up to the end of a calibration window.</summary>
    /// <param name="transactions">The transactions; those after <paramref name="calibrationEnd"/> are ignored.</param>
    /// <param name="calibrationEnd">The last day of the calibration window.</param>
    /// <param name="periodDays">The length of a period in days (7 gives weeks, as in the papers).</param>
    /// <returns>One history per customer, in ordinal id order. Frequency counts purchase <em>days</em> after the first
    /// (several orders on one day are one purchase); the average repeat value is the mean of those days' totals.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periodDays"/> is not positive.</exception>
    public static IReadOnlyList<RepeatHistory> FromTransactions(IEnumerable<TransactionRecord> transactions, DateOnly calibrationEnd, int periodDays = 7)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodDays, 1);
        var days = new Dictionary<string, SortedDictionary<int, decimal>>(StringComparer.Ordinal);
        foreach (var t in transactions)
        {
            if (t.Date > calibrationEnd || string.IsNullOrWhiteSpace(t.CustomerId))
            {
                continue;
            }

            if (!days.TryGetValue(t.CustomerId, out var perDay))
            {
                days[t.CustomerId] = perDay = [];
            }

            perDay[t.Date.DayNumber] = perDay.GetValueOrDefault(t.Date.DayNumber) + t.Amount;
        }

        var result = new List<RepeatHistory>(days.Count);
        foreach (var (id, perDay) in days.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var first = perDay.Keys.First();
            var last = perDay.Keys.Last();
            var x = perDay.Count - 1;
            var repeatValue = x == 0 ? 0 : (double)perDay.Skip(1).Sum(kv => kv.Value) / x;
            result.Add(new RepeatHistory(id, x, Math.Round((last - first) / (double)periodDays, 2), Math.Round((calibrationEnd.DayNumber - first) / (double)periodDays, 2), repeatValue));
        }

        return result;
    }
}
