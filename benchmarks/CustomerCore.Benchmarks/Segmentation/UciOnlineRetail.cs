using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using CustomerCore.Segmentation;
using CustomerCore.TestSupport;

namespace CustomerCore.Benchmarks.Segmentation;

/// <summary>Reads and cleans UCI Online Retail into one transaction per invoice.</summary>
/// <remarks>Cleaning rules: drop rows without a CustomerID; drop cancellations (InvoiceNo starting with "C");
/// drop rows with Quantity ≤ 0 or UnitPrice ≤ 0 (adjustments, bad debt); amount = Quantity × UnitPrice; the lines of one
/// invoice form one purchase dated at the invoice's first line.</remarks>
internal static class UciOnlineRetail
{
    public static (List<TransactionRecord> Invoices, int Rows, int Kept) Load()
    {
        using var stream = File.OpenRead(SharedData.PathOf("transactions", "uci_online_retail", "online_retail.csv.gz"));
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true }, false);
        var h = csv.Headers.ToList();
        int inv = h.IndexOf("InvoiceNo"), qty = h.IndexOf("Quantity"), date = h.IndexOf("InvoiceDate"), price = h.IndexOf("UnitPrice"), cust = h.IndexOf("CustomerID");
        var invoices = new Dictionary<string, (string Customer, DateOnly Date, decimal Amount)>(30_000, StringComparer.Ordinal);
        int rows = 0, kept = 0;
        while (csv.Read())
        {
            rows++;
            var customer = csv.GetStringOrNull(cust);
            var invoice = csv.GetStringOrNull(inv);
            if (string.IsNullOrEmpty(customer) || string.IsNullOrEmpty(invoice) || invoice[0] == 'C'
                || !decimal.TryParse(csv.GetStringOrNull(qty), NumberStyles.Number, CultureInfo.InvariantCulture, out var q) || q <= 0
                || !decimal.TryParse(csv.GetStringOrNull(price), NumberStyles.Number, CultureInfo.InvariantCulture, out var p) || p <= 0)
            {
                continue;
            }

            kept++;
            var id = customer.EndsWith(".0", StringComparison.Ordinal) ? customer[..^2] : customer;
            if (invoices.TryGetValue(invoice, out var existing))
            {
                invoices[invoice] = existing with { Amount = existing.Amount + (q * p) };
            }
            else
            {
                invoices[invoice] = (id, DateOnly.ParseExact(csv.GetStringOrNull(date)![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture), q * p);
            }
        }

        return ([.. invoices.Values.Select(v => new TransactionRecord(v.Customer, v.Date, v.Amount))], rows, kept);
    }
}
