using System.Globalization;
using CustomerCore.Segmentation;

namespace CustomerCore.TestSupport;

/// <summary>Reads the R rfm package's sample data and answer keys from ../shared/data/transactions/rfm_r_package.</summary>
public static class RfmReferenceData
{
    public static readonly DateOnly OrdersAsOf = new(2006, 12, 31);
    public static readonly DateOnly CustomersAsOf = new(2007, 1, 1);

    public static List<TransactionRecord> Orders() =>
        [.. Rows("rfm_data_orders.csv").Select(r => new TransactionRecord(r["customer_id"], DateOnly.Parse(r["order_date"], CultureInfo.InvariantCulture), decimal.Parse(r["revenue"], CultureInfo.InvariantCulture)))];

    public static List<CustomerActivity> Customers() =>
        [.. Rows("rfm_data_customer.csv").Select(r => new CustomerActivity(
            r["customer_id"],
            CustomersAsOf.DayNumber - DateOnly.Parse(r["most_recent_visit"], CultureInfo.InvariantCulture).DayNumber,
            int.Parse(r["number_of_orders"], CultureInfo.InvariantCulture),
            decimal.Parse(r["revenue"], CultureInfo.InvariantCulture)))];

    /// <summary>Reads the CDNOW 39-week calibration summary (x, t_x, T, mean repeat spend) used by the BG/NBD papers.</summary>
    public static List<RepeatHistory> CdnowHistories() =>
        [.. File.ReadLines(SharedData.PathOf("transactions", "cdnow", "cdnow_customers_summary_with_transactions.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Select(p => new RepeatHistory(p[0], int.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[2], CultureInfo.InvariantCulture), double.Parse(p[3], CultureInfo.InvariantCulture), double.Parse(p[4], CultureInfo.InvariantCulture)))];

    public static IEnumerable<Dictionary<string, string>> Rows(string file)
    {
        using var reader = new StreamReader(SharedData.PathOf("transactions", "rfm_r_package", file));
        var header = Split(reader.ReadLine()!);
        while (reader.ReadLine() is { } line)
        {
            var fields = Split(line);
            yield return header.Select((h, i) => (h, v: fields[i])).ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal);
        }
    }

    /// <summary>Splits one line of R's write.csv output (double quotes, doubled quotes inside).</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
