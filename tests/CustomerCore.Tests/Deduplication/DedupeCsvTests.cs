using CustomerCore.Deduplication;

namespace CustomerCore.Tests.Deduplication;

public sealed class DedupeCsvTests
{
    [Fact]
    public void ReadRecords_ChineseHeaders_AreMappedAutomatically()
    {
        var csv = "姓名,手机,邮箱,公司,地址\n张伟,13800138000,zw@example.cn,北京科技有限公司,北京市朝阳区\n";

        var records = DedupeCsv.ReadRecords(new StringReader(csv));

        var r = Assert.Single(records);
        Assert.Equal("张伟", r.Name);
        Assert.Equal(["13800138000"], r.Phones);
        Assert.Equal(["zw@example.cn"], r.Emails);
        Assert.Equal("北京科技有限公司", r.Organization);
        Assert.Equal("北京市朝阳区", r.Address);
        Assert.Equal("1", r.Id);
    }

    [Fact]
    public void ReadRecords_MapAndIdColumn_UsesThemAndKeepsOtherMappedFieldsAsAttributes()
    {
        var csv = "key,fn,ln,born,member_no\nk1,Anna,Smith,1980-03-07,M-77\n";
        var map = new Dictionary<string, string> { ["given_name"] = "fn", ["family_name"] = "ln", ["date_of_birth"] = "born", ["member"] = "member_no" };

        var r = DedupeCsv.ReadRecords(new StringReader(csv), map, "key").Single();

        Assert.Equal("k1", r.Id);
        Assert.Equal("Anna", r.GivenName);
        Assert.Equal(new DateOnly(1980, 3, 7), r.DateOfBirth);
        Assert.Equal("M-77", r.Attributes["member"]);
    }

    [Fact]
    public void ReadRecords_UnparseableDate_IsKeptAsAttribute()
    {
        var csv = "name,dob\nAnna,31/31/1980\n";

        var r = DedupeCsv.ReadRecords(new StringReader(csv)).Single();

        Assert.Null(r.DateOfBirth);
        Assert.Equal("31/31/1980", r.Attributes["date_of_birth"]);
    }

    [Fact]
    public void ReadRecords_MappedColumnMissing_Throws()
    {
        var map = new Dictionary<string, string> { ["name"] = "nope" };

        Assert.Throws<ArgumentException>(() => DedupeCsv.ReadRecords(new StringReader("a,b\n1,2\n"), map));
    }

    [Fact]
    public void ReadRecords_RepeatedId_Throws()
    {
        Assert.Throws<ArgumentException>(() => DedupeCsv.ReadRecords(new StringReader("id,name\n1,a\n1,b\n"), idColumn: "id"));
    }

    [Fact]
    public void WriteClusters_EveryRecord_WritesHeaderAndOneRowEach()
    {
        var records = DedupeTestData.People(120, seed: 21);
        records.Add(records[0] with { Id = "copy" });
        var result = new DuplicateDetector(new DeduplicationOptions()).Deduplicate(records);
        var writer = new StringWriter();

        DedupeCsv.WriteClusters(writer, result);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("id,cluster_id", lines[0]);
        Assert.Equal(records.Count + 1, lines.Length);
        Assert.Contains("copy,p0", lines);
    }
}
