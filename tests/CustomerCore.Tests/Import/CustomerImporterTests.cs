using System.Text;
using CustomerCore.Customers;
using CustomerCore.Import;
using CustomerCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCore.Tests.Import;

public sealed class CustomerImporterTests : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly ICustomerImporter _importer;
    private readonly ICustomerService _service;

    public CustomerImporterTests()
    {
        var services = new ServiceCollection();
        services.AddCustomerCore().AddInMemoryStorage();
        _provider = services.BuildServiceProvider();
        _importer = _provider.GetRequiredService<ICustomerImporter>();
        _service = _provider.GetRequiredService<ICustomerService>();
    }

    public void Dispose() => _provider.Dispose();

    private static MemoryStream Utf8(string text, bool bom = false) =>
        new([.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)]);

    private async Task<List<Customer>> AllAsync()
    {
        List<Customer> all = [];
        await foreach (var c in _service.StreamAsync(CallerContext.System))
        {
            all.Add(c);
        }

        return all;
    }

    [Fact]
    public async Task ImportAsync_ChineseHeaders_MapsFieldsAutomatically()
    {
        var csv = "姓名,手机,邮箱,地址,公司,负责人,标签\n张伟,13800138000,zw@example.com,北京市朝阳区建国路1号,星辰科技,rep-1,VIP；华北\n";

        var report = await _importer.ImportAsync(CallerContext.System, Utf8(csv), new ImportOptions());

        var customer = Assert.Single(await AllAsync());
        Assert.Equal(1, report.Created);
        Assert.Equal("张伟", customer.DisplayName);
        Assert.Equal("+8613800138000", customer.Phones[0].E164);
        Assert.Equal("zw@example.com", customer.Emails[0].Normalized);
        Assert.Equal("rep-1", customer.OwnerId);
        Assert.Equal("星辰科技", customer.Attributes["company"]);
        Assert.Equal(2, customer.Tags.Count);
        Assert.Equal("北京市朝阳区建国路1号", customer.Addresses[0].Original);
    }

    [Fact]
    public async Task ImportAsync_Gb18030File_DetectsEncoding()
    {
        var gb = Encoding.GetEncoding(54936);
        var bytes = gb.GetBytes("姓名,电话\n李娜,13912345678\n");

        var report = await _importer.ImportAsync(CallerContext.System, new MemoryStream(bytes), new ImportOptions());

        Assert.Equal(1, report.Created);
        Assert.Equal("李娜", Assert.Single(await AllAsync()).DisplayName);
    }

    [Fact]
    public async Task ImportAsync_Utf8WithBom_ReadsFirstHeader()
    {
        var report = await _importer.ImportAsync(CallerContext.System, Utf8("name,phone\nAnna,13912345678\n", bom: true), new ImportOptions());

        Assert.Equal(1, report.Created);
        Assert.Equal("Anna", Assert.Single(await AllAsync()).DisplayName);
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_UpdatesInsteadOfDuplicating()
    {
        var csv = "name,phone,email\nAnna,13912345678,anna@example.com\nBob,13800138000,bob@example.com\n";
        await _importer.ImportAsync(CallerContext.System, Utf8(csv), new ImportOptions());

        var second = await _importer.ImportAsync(CallerContext.System, Utf8(csv), new ImportOptions());

        Assert.Equal(0, second.Created);
        Assert.Equal(2, second.Updated);
        Assert.Equal(2, (await AllAsync()).Count);
    }

    [Fact]
    public async Task ImportAsync_DirtyRows_AccountsForEveryRowAndWritesRejects()
    {
        var csv = "name,phone,email\n"
            + "Anna,13912345678,anna@example.com\n"
            + ",13800138001,\n"
            + "Bob,12,\n"
            + "Carl,,not-an-email\n"
            + "Dora,\"13700000000\"x,\n"
            + "Eve\u0001,13600000000,\n"
            + new string('x', 10_000) + ",13500000000,\n";
        using var rejects = new StringWriter();

        var report = await _importer.ImportAsync(CallerContext.System, Utf8(csv), new ImportOptions { Rejects = rejects });

        Assert.Equal(7, report.Total);
        Assert.True(report.IsBalanced);
        Assert.Equal(report.Total, report.Created + report.Updated + report.Merged + report.Rejected);
        Assert.Equal(1, report.RejectedByReason[nameof(ImportRejectReason.MissingName)]);
        Assert.Equal(1, report.RejectedByReason[nameof(ImportRejectReason.InvalidPhone)]);
        Assert.Equal(1, report.RejectedByReason[nameof(ImportRejectReason.InvalidEmail)]);
        var rejectLines = rejects.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(report.Rejected + 1, rejectLines.Length);
        Assert.Contains(rejectLines, l => l.Contains("not-an-email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_DryRun_StoresNothing()
    {
        var report = await _importer.ImportAsync(CallerContext.System, Utf8("name,phone\nAnna,13912345678\n"), new ImportOptions { DryRun = true });

        Assert.True(report.DryRun);
        Assert.Equal(1, report.Created);
        Assert.Empty(await AllAsync());
    }

    [Fact]
    public async Task ImportAsync_ExplicitMapping_OverridesAutomaticHeaders()
    {
        var options = new ImportOptions().Map("name=Kontakt").Map("phone=Handy");

        var report = await _importer.ImportAsync(CallerContext.System, Utf8("Kontakt,Handy,name\nAnna,13912345678,ignored\n"), options);

        Assert.Equal(1, report.Created);
        Assert.Equal("Anna", Assert.Single(await AllAsync()).DisplayName);
    }

    [Fact]
    public async Task ImportAsync_JsonLines_ImportsAndRejectsMalformedLines()
    {
        var jsonl = "{\"姓名\":\"王芳\",\"手机\":\"13712345678\",\"标签\":[\"a\",\"b\"]}\n{not json}\n[1,2]\n";

        var report = await _importer.ImportAsync(CallerContext.System, Utf8(jsonl), new ImportOptions { Format = ImportFormat.JsonLines });

        Assert.Equal(3, report.Total);
        Assert.Equal(1, report.Created);
        Assert.Equal(2, report.RejectedByReason[nameof(ImportRejectReason.MalformedRow)]);
        Assert.Equal(["a", "b"], Assert.Single(await AllAsync()).Tags);
    }

    [Fact]
    public async Task ImportAsync_Progress_ReportsPerBatchAndAtEnd()
    {
        var csv = new StringBuilder("name,phone\n");
        for (var i = 0; i < 25; i++)
        {
            csv.Append('P').Append(i).Append(",1390000").Append(i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        List<ImportProgress> seen = [];
        var progress = new SynchronousProgress(seen.Add);

        await _importer.ImportAsync(CallerContext.System, Utf8(csv.ToString()), new ImportOptions { BatchSize = 10 }, progress);

        Assert.Equal([10L, 20L, 25L], seen.Select(p => p.RowsRead));
    }

    [Fact]
    public async Task ImportAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _importer.ImportAsync(CallerContext.System, Utf8("name\nAnna\n"), new ImportOptions(), cancellationToken: cts.Token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("name")]
    [InlineData("bogus=col")]
    [InlineData("phone=")]
    public void Map_BadAssignment_Throws(string assignment)
    {
        var options = new ImportOptions();

        Assert.ThrowsAny<ArgumentException>(() => options.Map(assignment));
    }

    [Fact]
    public async Task ImportAsync_EmptyStream_ReturnsZeroReport()
    {
        var report = await _importer.ImportAsync(CallerContext.System, new MemoryStream(), new ImportOptions());

        Assert.Equal(0, report.Total);
        Assert.True(report.IsBalanced);
    }

    [Fact]
    public async Task ExportAsync_ThenImport_RoundTripsWithSameMapping()
    {
        await _importer.ImportAsync(CallerContext.System, Utf8("姓名,手机,标签\n张伟,13800138000,VIP\n"), new ImportOptions());
        var exporter = _provider.GetRequiredService<ICustomerExporter>();
        using var buffer = new MemoryStream();

        var count = await exporter.ExportAsync(CallerContext.System, buffer, ImportFormat.Csv);
        buffer.Position = 0;
        var report = await _importer.ImportAsync(CallerContext.System, buffer, new ImportOptions());

        Assert.Equal(1, count);
        Assert.Equal(1, report.Updated);
        Assert.Single(await AllAsync());
    }

    [Fact]
    public async Task ExportAsync_JsonLines_WritesOneObjectPerCustomer()
    {
        await _importer.ImportAsync(CallerContext.System, Utf8("name,phone\nAnna,13912345678\nBob,13800138000\n"), new ImportOptions());
        var exporter = _provider.GetRequiredService<ICustomerExporter>();
        using var buffer = new MemoryStream();

        await exporter.ExportAsync(CallerContext.System, buffer, ImportFormat.JsonLines);

        var lines = Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(l).RootElement.ValueKind));
    }

    private sealed class SynchronousProgress(Action<ImportProgress> onReport) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => onReport(value);
    }
}
