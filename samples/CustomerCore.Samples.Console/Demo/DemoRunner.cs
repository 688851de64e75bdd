using System.Diagnostics;
using System.Globalization;
using CustomerCore.Addresses;
using CustomerCore.Customers;
using CustomerCore.Deduplication;
using CustomerCore.Geo;
using CustomerCore.Routing;
using CustomerCore.Samples.Console.Commands;
using CustomerCore.Segmentation;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace CustomerCore.Samples.Console.Demo;

/// <summary>Runs the demo pipeline; each stage calls one library capability through the service layer.</summary>
internal sealed class DemoRunner(FileInfo database, DirectoryInfo output, int customerCount, int seed)
{
    private static readonly CallerContext s_admin = new("demo-admin", ["admin"]);
    private static readonly DateOnly s_asOf = new(2025, 6, 30);
    private static readonly GeoPoint s_beijingOffice = new(39.9087, 116.4605); // Guomao
    private static readonly GeoBoundingBox s_beijing = new(39.6, 116.0, 40.2, 116.8);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        output.Create();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(database.FullName + suffix);
        }

        var summary = new Table().AddColumns("Stage", "Result", "Time");
        var clock = Stopwatch.StartNew();

        // 1. Register: the same DI chain as the README, on the embedded SQLite default.
        var services = new ServiceCollection();
        ImportHost.AddEncryptedSqlite(services.AddCustomerCore(o => o.DefaultRegion = "CN"), database.FullName);
        await using var provider = services.BuildServiceProvider();
        var customers = provider.GetRequiredService<ICustomerService>();

        // 2. Generate a realistic data set with duplicates, dirty addresses and purchases.
        var (rows, purchases) = DemoDataGenerator.Generate(customerCount, seed, s_asOf);
        AnsiConsole.MarkupLine($"[bold]CustomerCore demo[/]: {rows.Count:N0} customer rows ({rows.Count(r => r.IsDuplicate):N0} hidden duplicates), {purchases.Count:N0} purchases → {Markup.Escape(database.FullName)}");

        // 3. Import through the service: validation and normalization on entry.
        var entityOf = new Dictionary<CustomerId, string>();
        var firstOfEntity = new Dictionary<string, CustomerId>(StringComparer.Ordinal);
        var rejected = 0;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("Importing customers", maxValue: rows.Count);
            foreach (var row in rows)
            {
                var result = await customers.CreateAsync(s_admin, ToCustomer(row), cancellationToken);
                if (result.IsSuccess)
                {
                    entityOf[result.Customer.Id] = row.EntityId;
                    firstOfEntity.TryAdd(row.EntityId, result.Customer.Id);
                }
                else
                {
                    rejected++;
                }

                task.Increment(1);
            }
        });
        summary.AddRow("Encryption at rest", $"names, phones, emails, addresses, notes: AES-256-GCM; key {Markup.Escape(Path.GetFileName(ImportHost.KeyFileOf(database.FullName)))}", "");
        summary.AddRow("Import (validate, normalize, store)", $"{entityOf.Count:N0} stored, {rejected:N0} rejected", Lap(clock));

        // 4. Purchases, recorded against each real customer's first record.
        var transactions = purchases.Where(p => firstOfEntity.ContainsKey(p.EntityId))
            .Select(p => new CustomerTransaction { Id = TransactionId.New(), CustomerId = firstOfEntity[p.EntityId], OccurredAt = new DateTimeOffset(p.Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), Amount = p.Amount, Currency = "CNY" })
            .ToList();
        await customers.RecordTransactionsAsync(s_admin, transactions, cancellationToken);
        summary.AddRow("Purchases", $"{transactions.Count:N0} recorded", Lap(clock));

        // 5. Addresses: standardize each stored address (components, admin code, renamed districts, full-width digits),
        //    keeping the original text and the point; the changes are counted by kind.
        var standardizer = provider.GetRequiredService<IAddressStandardizer>();
        var stored = new List<Customer>();
        var changeCounts = new Dictionary<AddressChangeKind, int>();
        var standardizedCount = 0;
        var raw = new List<Customer>();
        await foreach (var c in customers.StreamAsync(s_admin, cancellationToken))
        {
            raw.Add(c);
        }

        foreach (var c in raw)
        {
            if (c.Addresses.Count == 0 || c.Addresses[0].Original is not { } original || standardizer.Standardize(original) is not { IsSuccess: true } std)
            {
                stored.Add(c);
                continue;
            }

            standardizedCount++;
            foreach (var change in std.Changes)
            {
                changeCounts[change.Kind] = changeCounts.GetValueOrDefault(change.Kind) + 1;
            }

            var address = std.ToPostalAddress(c.Addresses[0].Location);
            var saved = await customers.UpdateAsync(s_admin, c with { Addresses = [address, .. c.Addresses.Skip(1)] }, cancellationToken);
            stored.Add(saved.IsSuccess ? saved.Customer : c);
        }

        var changeSummary = string.Join(", ", changeCounts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Value:N0} {kv.Key.ToString().ToLowerInvariant()}"));
        summary.AddRow("Address standardization", $"{standardizedCount:N0} of {raw.Count:N0} standardized; changes: {Markup.Escape(changeSummary)}", Lap(clock));

        // 6. Duplicates: one scan of the stored customers (standardized addresses compared component-wise), explained pair by pair.

        var detector = provider.GetRequiredService<IDuplicateDetector>();
        var dedupe = detector.Deduplicate([.. stored.Select(ToRecord)]);
        var (precision, recall) = PairQuality(dedupe, entityOf);
        var clusterOf = dedupe.Assignments.ToDictionary(a => a.RecordId, a => a.ClusterId, StringComparer.Ordinal);
        var duplicateClusters = dedupe.Assignments.GroupBy(a => a.ClusterId).Count(g => g.Count() > 1);
        summary.AddRow("Duplicate detection", string.Create(CultureInfo.InvariantCulture, $"{duplicateClusters:N0} clusters, {dedupe.Pairs.Count:N0} matched pairs; pair precision {precision:P1}, recall {recall:P1} vs the hidden truth"), Lap(clock));

        // 7. Segments: RFM with the R rfm rules, lifecycle stages, written back to each customer.
        var rfm = RfmAnalyzer.Analyze(transactions.Select(t => new TransactionRecord(t.CustomerId.ToString(), DateOnly.FromDateTime(t.OccurredAt.UtcDateTime), t.Amount)), s_asOf);
        var firstPurchase = transactions.GroupBy(t => t.CustomerId.ToString()).ToDictionary(g => g.Key, g => g.Min(t => DateOnly.FromDateTime(t.OccurredAt.UtcDateTime)), StringComparer.Ordinal);
        var rfmOf = rfm.Customers.ToDictionary(r => r.CustomerId, StringComparer.Ordinal);
        foreach (var c in stored)
        {
            var key = c.Id.ToString();
            var row = rfmOf.GetValueOrDefault(key);
            var stage = LifecycleClassifier.Classify(row, row is null ? 0 : s_asOf.DayNumber - firstPurchase[key].DayNumber);
            var attributes = new Dictionary<string, string>(c.Attributes, StringComparer.Ordinal) { ["segment"] = row?.Segment ?? "Prospect" };
            await customers.UpdateAsync(s_admin, c with { Stage = stage, Attributes = attributes }, cancellationToken);
        }

        var top = string.Join(", ", rfm.Segments.OrderByDescending(s => s.Customers).Take(3).Select(s => $"{s.Segment} {s.Customers}"));
        summary.AddRow("Segmentation (RFM, lifecycle)", $"{rfm.Customers.Count:N0} scored; largest: {Markup.Escape(top)}", Lap(clock));

        // 8. Route: rep-1's Beijing customers, visited from the Guomao office and back.
        var page = await customers.SearchAsync(s_admin, new CustomerQuery { OwnerId = "rep-1", Within = s_beijing, Page = new PageRequest(15) }, cancellationToken);
        var stops = page.Items.Select(c => new RouteStop { Id = c.Id.ToString(), Location = c.Addresses[0].Location!.Value, ServiceTime = TimeSpan.FromMinutes(20) }).ToList();
        var plan = await provider.GetRequiredService<IRoutePlanner>().PlanAsync(new RouteRequest
        {
            Start = s_beijingOffice,
            Stops = stops,
            DepartAt = new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)),
            Seed = seed,
        }, cancellationToken);
        summary.AddRow("Route for rep-1 (Beijing)", string.Create(CultureInfo.InvariantCulture, $"{plan.Visits.Count} stops, {plan.TotalDistanceMetres / 1000:F1} km, back by {(plan.Visits.Count == 0 ? "-" : (new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)) + plan.TotalDuration).ToString("HH:mm", CultureInfo.InvariantCulture))}"), Lap(clock));

        // 9. Map: GeoJSON for any GIS tool, and a self-contained HTML page.
        var final = new List<Customer>();
        await foreach (var c in customers.StreamAsync(s_admin, cancellationToken))
        {
            final.Add(c);
        }

        var points = final.Where(c => c.Addresses.Count > 0 && c.Addresses[0].Location is not null).Select(c => new MapPoint(
            c.Id.ToString(),
            c.Addresses[0].Location!.Value,
            new Dictionary<string, string?>
            {
                ["name"] = c.DisplayName,
                ["segment"] = c.Attributes.GetValueOrDefault("segment"),
                ["owner"] = c.OwnerId,
                ["stage"] = c.Stage.ToString(),
                ["cluster"] = clusterOf.GetValueOrDefault(c.Id.ToString()),
            })).ToList();
        var byId = final.ToDictionary(c => c.Id.ToString(), StringComparer.Ordinal);
        List<GeoPoint>? line = plan.Visits.Count == 0 ? null : [s_beijingOffice, .. plan.Visits.Select(v => byId[v.StopId].Addresses[0].Location!.Value), s_beijingOffice];
        var geojson = GeoJsonExport.Write(points, line, new Dictionary<string, string?> { ["owner"] = "rep-1", ["distance_km"] = (plan.TotalDistanceMetres / 1000).ToString("F1", CultureInfo.InvariantCulture) });
        var geojsonPath = Path.Combine(output.FullName, "customers.geojson");
        await File.WriteAllTextAsync(geojsonPath, geojson, cancellationToken);
        var htmlPath = Path.Combine(output.FullName, "map.html");
        await File.WriteAllTextAsync(htmlPath, MapTemplate().Replace("/*GEOJSON*/null", geojson, StringComparison.Ordinal), cancellationToken);
        summary.AddRow("Map", $"{points.Count:N0} points → {Markup.Escape(geojsonPath)}, {Markup.Escape(htmlPath)}", Lap(clock));

        AnsiConsole.Write(summary);
        return 0;
    }

    private static string Lap(Stopwatch clock)
    {
        var text = $"{clock.Elapsed.TotalMilliseconds:N0} ms";
        clock.Restart();
        return text;
    }

    private static string MapTemplate()
    {
        using var stream = typeof(DemoRunner).Assembly.GetManifestResourceStream("map.html")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static (double Precision, double Recall) PairQuality(DeduplicationResult result, Dictionary<CustomerId, string> entityOf)
    {
        static HashSet<(string, string)> Pairs(IEnumerable<IGrouping<string, string>> groups)
        {
            var set = new HashSet<(string, string)>();
            foreach (var g in groups)
            {
                var members = g.Order(StringComparer.Ordinal).ToList();
                for (var i = 0; i < members.Count; i++)
                {
                    for (var j = i + 1; j < members.Count; j++)
                    {
                        set.Add((members[i], members[j]));
                    }
                }
            }

            return set;
        }

        var found = Pairs(result.Assignments.GroupBy(a => a.ClusterId, a => a.RecordId));
        var truth = Pairs(entityOf.GroupBy(kv => kv.Value, kv => kv.Key.ToString()));
        var hits = found.Count(truth.Contains);
        return (found.Count == 0 ? 1 : (double)hits / found.Count, truth.Count == 0 ? 1 : (double)hits / truth.Count);
    }

    private static DedupeRecord ToRecord(Customer c) => new()
    {
        Id = c.Id.ToString(),
        Name = c.KeyContacts.Count > 0 ? c.KeyContacts[0].Name : c.DisplayName,
        Organization = c.Kind == CustomerKind.Organization ? c.DisplayName : null,
        Phones = [.. c.Phones.Select(p => p.E164 ?? p.Raw)],
        Emails = [.. c.Emails.Select(e => e.Normalized ?? e.Raw)],
        Address = c.Addresses.Count > 0 ? c.Addresses[0].Original : null,
        Location = c.Addresses.Count > 0 ? c.Addresses[0].Location : null,
        UpdatedAt = c.UpdatedAt,
    };

    private static Customer ToCustomer(DemoRow row) => new()
    {
        Id = CustomerId.New(),
        Kind = row.Company is null ? CustomerKind.Person : CustomerKind.Organization,
        DisplayName = row.Company ?? row.Name,
        Phones = [new PhoneNumber { Raw = row.Phone }],
        Emails = row.Email is null ? [] : [new EmailAddress { Raw = row.Email }],
        Addresses = [new PostalAddress { Original = row.Address, Location = new GeoPoint(row.Latitude, row.Longitude) }],
        OwnerId = row.Owner,
        SourceChannel = "demo",
        KeyContacts = row.Company is null ? [] : [new KeyContact { Name = row.Name, Role = DecisionRole.DecisionMaker }],
    };
}
