using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using CustomerCore.Segmentation;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>segment rfm|abc|clv</c>: scores customers from a transactions CSV.</summary>
internal sealed class SegmentCommand : ICommandModule
{
    public Command Build()
    {
        var command = new Command("segment", "Segment customers from a transactions CSV (.csv or .csv.gz): RFM, ABC/XYZ, or lifetime value.");
        command.Subcommands.Add(BuildRfm());
        command.Subcommands.Add(BuildAbc());
        command.Subcommands.Add(BuildClv());
        return command;
    }

    private static Command BuildRfm()
    {
        var (file, customer, date, amount) = CommonOptions();
        var asOf = new Option<DateOnly>("--as-of") { Description = "The analysis date (yyyy-MM-dd); recency counts days to it.", Required = true };
        var bins = new Option<int>("--bins") { Description = "Score bins for each of R, F and M (2-9).", DefaultValueFactory = _ => 5 };
        var scheme = new Option<string>("--scheme") { Description = "Segment rules: r-rfm (the R rfm vignette) or rf10.", DefaultValueFactory = _ => "r-rfm" };
        scheme.AcceptOnlyFromAmong("r-rfm", "rf10");
        var format = FormatOption();
        var command = new Command("rfm", "Recency, frequency and monetary scores with named segments (R rfm-exact binning).") { file, customer, date, amount, asOf, bins, scheme, format };
        command.SetAction(parse =>
        {
            var transactions = ReadTransactions(parse.GetValue(file)!, parse.GetValue(customer)!, parse.GetValue(date)!, parse.GetValue(amount)!, out var skipped);
            var options = new RfmOptions { Bins = parse.GetValue(bins), Scheme = parse.GetValue(scheme) == "rf10" ? RfmSegmentScheme.RecencyFrequency10 : RfmSegmentScheme.RPackageVignette };
            RfmResult result;
            try
            {
                result = RfmAnalyzer.Analyze(transactions, parse.GetValue(asOf), options);
            }
            catch (ArgumentException e)
            {
                System.Console.Error.WriteLine(e.Message);
                return 2;
            }

            if (parse.GetValue(format) == "csv")
            {
                System.Console.WriteLine("customer_id,recency_days,frequency,monetary,r,f,m,score,segment");
                foreach (var c in result.Customers)
                {
                    System.Console.WriteLine(string.Join(',', Csv(c.CustomerId), c.RecencyDays.ToString(CultureInfo.InvariantCulture), c.Frequency.ToString(CultureInfo.InvariantCulture),
                        c.Monetary.ToString(CultureInfo.InvariantCulture), c.R.ToString(CultureInfo.InvariantCulture), c.F.ToString(CultureInfo.InvariantCulture), c.M.ToString(CultureInfo.InvariantCulture),
                        c.Score.ToString(CultureInfo.InvariantCulture), Csv(c.Segment)));
                }
            }
            else
            {
                var table = new Table().AddColumns("Segment", "Customers", "Orders", "Revenue", "Avg order");
                foreach (var s in result.Segments.OrderByDescending(s => s.Customers))
                {
                    table.AddRow(Markup.Escape(s.Segment), s.Customers.ToString("N0", CultureInfo.InvariantCulture), s.Orders.ToString("N0", CultureInfo.InvariantCulture), s.Revenue.ToString("N2", CultureInfo.InvariantCulture), s.AverageOrderValue.ToString("N2", CultureInfo.InvariantCulture));
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLine($"{result.Customers.Count:N0} customers; {skipped:N0} rows skipped (missing id, date or amount).");
            }

            return 0;
        });
        return command;
    }

    private static Command BuildAbc()
    {
        var (file, customer, date, amount) = CommonOptions();
        var format = FormatOption();
        var command = new Command("abc", "ABC (Pareto 80/15/5 by revenue), XYZ (monthly revenue stability) and value tiers.") { file, customer, date, amount, format };
        command.SetAction(parse =>
        {
            var transactions = ReadTransactions(parse.GetValue(file)!, parse.GetValue(customer)!, parse.GetValue(date)!, parse.GetValue(amount)!, out _);
            var result = ValueClassifier.Classify(transactions);
            if (parse.GetValue(format) == "csv")
            {
                System.Console.WriteLine("customer_id,revenue,cumulative_share,abc,xyz,cv,tier");
                foreach (var c in result)
                {
                    System.Console.WriteLine(string.Join(',', Csv(c.CustomerId), c.Revenue.ToString(CultureInfo.InvariantCulture), c.CumulativeShare.ToString("0.######", CultureInfo.InvariantCulture), c.Abc, c.Xyz,
                        double.IsFinite(c.CoefficientOfVariation) ? c.CoefficientOfVariation.ToString("0.####", CultureInfo.InvariantCulture) : "inf", c.Tier));
                }

                return 0;
            }

            var table = new Table().AddColumns("Class", "Customers", "Revenue");
            foreach (var g in result.GroupBy(r => $"{r.Abc}{r.Xyz}").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                table.AddRow(g.Key, g.Count().ToString("N0", CultureInfo.InvariantCulture), g.Sum(r => r.Revenue).ToString("N2", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command BuildClv()
    {
        var (file, customer, date, amount) = CommonOptions();
        var end = new Option<DateOnly>("--calibration-end") { Description = "The end of the calibration window (yyyy-MM-dd).", Required = true };
        var horizon = new Option<int>("--horizon-weeks") { Description = "How far ahead to predict purchases.", DefaultValueFactory = _ => 52 };
        var command = new Command("clv", "Fit BG/NBD and Gamma-Gamma; print parameters and each customer's P(alive), expected purchases and value.") { file, customer, date, amount, end, horizon };
        command.SetAction(parse =>
        {
            var transactions = ReadTransactions(parse.GetValue(file)!, parse.GetValue(customer)!, parse.GetValue(date)!, parse.GetValue(amount)!, out _);
            var histories = RepeatHistories.FromTransactions(transactions, parse.GetValue(end), periodDays: 7);
            var bg = LifetimeValueModels.FitBgNbd(histories);
            var gg = LifetimeValueModels.FitGammaGamma(histories);
            System.Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BG/NBD r={bg.R:F4} alpha={bg.Alpha:F4} a={bg.A:F4} b={bg.B:F4} LL={bg.LogLikelihood:F1}; Gamma-Gamma p={gg.P:F4} q={gg.Q:F4} gamma={gg.Gamma:F4}"));
            System.Console.WriteLine("customer_id,frequency,recency_weeks,age_weeks,p_alive,expected_purchases,expected_value");
            foreach (var h in histories)
            {
                var expected = bg.ExpectedPurchases(h, parse.GetValue(horizon));
                var value = h.Frequency > 0 ? gg.ExpectedAverageValue(h) : gg.P * gg.Gamma / (gg.Q - 1);
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Csv(h.CustomerId)},{h.Frequency},{h.Recency:0.##},{h.Age:0.##},{bg.ProbabilityAlive(h):0.####},{expected:0.####},{expected * value:0.##}"));
            }

            return 0;
        });
        return command;
    }

    private static (Argument<FileInfo> File, Option<string> Customer, Option<string> Date, Option<string> Amount) CommonOptions() =>
        (new Argument<FileInfo>("file") { Description = "The transactions CSV (.csv or .csv.gz)." },
         new Option<string>("--customer") { Description = "The customer id column.", Required = true },
         new Option<string>("--date") { Description = "The date column (yyyy-MM-dd, optionally with a time).", Required = true },
         new Option<string>("--amount") { Description = "The amount column.", Required = true });

    private static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "table or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        return format;
    }

    private static List<TransactionRecord> ReadTransactions(FileInfo file, string customerColumn, string dateColumn, string amountColumn, out int skipped)
    {
        using var stream = file.OpenRead();
        using var reader = new StreamReader(file.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream);
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { TrimWhitespace = true, HasHeader = true }, false);
        var headers = csv.Headers.ToList();
        int ci = headers.IndexOf(customerColumn), di = headers.IndexOf(dateColumn), ai = headers.IndexOf(amountColumn);
        if (ci < 0 || di < 0 || ai < 0)
        {
            throw new InvalidOperationException($"The file needs the columns {customerColumn}, {dateColumn} and {amountColumn}; it has: {string.Join(", ", headers)}.");
        }

        var list = new List<TransactionRecord>();
        skipped = 0;
        while (csv.Read())
        {
            var id = csv.GetStringOrNull(ci);
            var dateText = csv.GetStringOrNull(di);
            if (string.IsNullOrWhiteSpace(id) || dateText is not { Length: >= 10 }
                || !DateOnly.TryParseExact(dateText[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || !decimal.TryParse(csv.GetStringOrNull(ai), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                skipped++;
                continue;
            }

            list.Add(new TransactionRecord(id, day, value));
        }

        return list;
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
