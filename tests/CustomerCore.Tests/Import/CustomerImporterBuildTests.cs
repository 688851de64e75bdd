using CustomerCore.Import;

namespace CustomerCore.Tests.Import;

public sealed class CustomerImporterBuildTests
{
    private static RowValues Row(string[] headers, string[] values) =>
        new(values, HeaderMap.Resolve(headers, new Dictionary<ImportField, IReadOnlyList<string>>(), autoMap: true));

    [Fact]
    public void BuildCustomer_SeparatedValues_SplitsTrimsAndDropsEmptyParts()
    {
        var row = Row(["name", "phone", "email", "tags"], [" Anna ", " 139 1234 5678 ; ;13800138000|", "a@example.com，b@example.com", "vip, vip ;north|"]);

        var customer = CustomerImporter.BuildCustomer(row, "import", new NoOpImportAddressStandardizer());

        Assert.Equal("Anna", customer.DisplayName);
        Assert.Equal(["139 1234 5678", "13800138000"], customer.Phones.Select(p => p.Raw));
        Assert.Equal(["a@example.com", "b@example.com"], customer.Emails.Select(e => e.Raw));
        Assert.Equal(["vip", "north"], customer.Tags);
    }

    [Fact]
    public void BuildCustomer_RowsOfOneChunk_ShareTheirRepeatedTagAndOwnerStrings()
    {
        string[] headers = ["name", "tags", "owner", "external id", "company"];
        var labels = new ImportLabelPool();
        var first = CustomerImporter.BuildCustomer(Row(headers, ["Anna", "vip;north", "rep-1", "A-1", "Acme"]), "import", new NoOpImportAddressStandardizer(), labels);
        var second = CustomerImporter.BuildCustomer(Row(headers, ["Bo", " north ;vip", new string("rep-1".AsSpan()), "A-2", ""]), "import", new NoOpImportAddressStandardizer(), labels);
        var alone = CustomerImporter.BuildCustomer(Row(headers, ["Cy", "vip", "rep-1", "", "Acme"]), "import", new NoOpImportAddressStandardizer());

        Assert.Equal(["north", "vip"], second.Tags);
        Assert.Same(first.Tags[0], second.Tags[1]);
        Assert.Same(first.Tags[1], second.Tags[0]);
        Assert.Same(first.OwnerId, second.OwnerId);
        Assert.NotSame(first.Tags[0], alone.Tags[0]); // no pool: equal values, own strings
        Assert.Equal(first.Tags[0], alone.Tags[0]);
        Assert.Equal([new("company", "Acme"), new KeyValuePair<string, string>("externalId", "A-1")], first.Attributes.ToArray());
        Assert.Equal([new KeyValuePair<string, string>("externalId", "A-2")], second.Attributes.ToArray());
        Assert.Equal([new KeyValuePair<string, string>("company", "Acme")], alone.Attributes.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" ; | ；")]
    public void BuildCustomer_BlankOrSeparatorOnlyValues_GivesEmptyLists(string value)
    {
        var row = Row(["name", "phone", "email", "tags", "address"], ["Anna", value, value, value, value]);

        var customer = CustomerImporter.BuildCustomer(row, "import", new NoOpImportAddressStandardizer());

        Assert.Empty(customer.Phones);
        Assert.Empty(customer.Emails);
        Assert.Empty(customer.Tags);
        Assert.Equal(value.Trim().Length == 0 ? 0 : 1, customer.Addresses.Count);
    }

    [Fact]
    public void BuildCustomer_LongAndMixedScriptValues_KeepsThemWhole()
    {
        var longPhone = new string('1', 10_000);
        var row = Row(["name", "phone", "tags"], ["张伟 Zhang Иван\u0001", longPhone, "标签、Tag"]);

        var customer = CustomerImporter.BuildCustomer(row, "import", new NoOpImportAddressStandardizer());

        Assert.Equal("张伟 Zhang Иван\u0001", customer.DisplayName);
        Assert.Same(longPhone, Assert.Single(customer.Phones).Raw);
        Assert.Equal(["标签", "Tag"], customer.Tags);
    }
}
