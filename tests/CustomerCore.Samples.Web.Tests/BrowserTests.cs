using System.Net;
using Microsoft.Playwright;

namespace CustomerCore.Samples.Web.Tests;

[Collection(SharedWebHost.Name)]
public sealed class BrowserTests(WebHostFixture host)
{
    [Fact]
    public async Task ListPage_Opened_ShowsSeededCustomers()
    {
        var page = await host.NewPageAsync();

        await page.GotoAsync("/index.html");
        await page.Locator("tr.customer-row").First.WaitForAsync();

        Assert.True(await page.Locator("tr.customer-row").CountAsync() >= 50);
    }

    [Fact]
    public async Task ListPage_SearchByOwner_ShowsOnlyThatOwnersCustomers()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/index.html");
        await page.Locator("tr.customer-row").First.WaitForAsync();

        await page.FillAsync("input[name=owner]", "rep-2");
        await page.ClickAsync("#search");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("customers");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('tr.customer-row td:nth-child(2)')].every(td => td.textContent === 'rep-2')");

        var owners = await page.Locator("tr.customer-row td:nth-child(2)").AllTextContentsAsync();
        Assert.NotEmpty(owners);
        Assert.All(owners, o => Assert.Equal("rep-2", o));
    }

    [Fact]
    public async Task ListPage_SearchForUnknownName_ShowsNoRows()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/index.html");
        await page.Locator("tr.customer-row").First.WaitForAsync();

        await page.FillAsync("#q", "Zzyzx-no-such-customer");
        await page.ClickAsync("#search");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("0 customers");

        Assert.Equal(0, await page.Locator("tr.customer-row").CountAsync());
    }

    [Fact]
    public async Task CustomerPage_AddInteraction_AppearsInTimeline()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/index.html");
        await page.Locator("tr.customer-row a").First.ClickAsync();
        await page.Locator("tr.timeline-row").First.WaitForAsync();
        int before = await page.Locator("tr.timeline-row").CountAsync();
        string subject = "Browser test " + Guid.NewGuid().ToString("N")[..8];

        await page.FillAsync("#subject", subject);
        await page.ClickAsync("#add-interaction");
        await Assertions.Expect(page.Locator("#interaction-status")).ToHaveTextAsync("Recorded.");

        await Assertions.Expect(page.Locator("tr.timeline-row", new() { HasText = subject })).ToHaveCountAsync(1);
        Assert.Equal(before + 1, await page.Locator("tr.timeline-row").CountAsync());
    }

    [Fact]
    public async Task CustomerPage_Duplicates_ShowsTheSectionWithoutErrors()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/index.html");

        await page.Locator("tr.customer-row a").First.ClickAsync();

        await page.Locator("#duplicates table, #no-duplicates").First.WaitForAsync();
        Assert.Equal(0, await page.Locator("#duplicates .error").CountAsync());
    }

    [Fact]
    public async Task MapPage_Opened_RendersMarkersClustersAndRoute()
    {
        var page = await host.NewPageAsync();
        var api = await page.APIRequest.GetAsync("/api/map/customers");
        int expected = (await api.JsonAsync())!.Value.GetArrayLength();

        await page.GotoAsync("/map.html");
        await page.Locator("#map[data-markers]").WaitForAsync();
        await page.Locator("path.route-line").WaitForAsync();

        Assert.Equal(expected, await page.Locator("path.customer-marker").CountAsync());
        Assert.True(await page.Locator("path.cluster-circle").CountAsync() >= 5);
        Assert.Equal(1, await page.Locator("path.route-line").CountAsync());
        string? d = await page.Locator("path.route-line").GetAttributeAsync("d");
        Assert.False(string.IsNullOrEmpty(d));

        string shots = Path.Combine(Path.GetTempPath(), "customercore-screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "map.png") });
    }

    [Fact]
    public async Task CustomerPage_MergeDuplicateThenUndo_RemovesAndRestoresIt()
    {
        var page = await host.NewPageAsync();
        var first = await CreateAsync(page, "欧阳娜娜", "13700001111", "nana@example.cn");
        var second = await CreateAsync(page, "欧阳娜娜", "137 0000 1111", null);

        await page.GotoAsync($"/customer.html?id={first}");
        var row = page.Locator($".duplicate-row[data-id='{second}']");
        await row.WaitForAsync();
        Assert.Contains("phone", await row.InnerTextAsync(), StringComparison.OrdinalIgnoreCase); // the explanation names the fields
        await row.Locator("button.merge").ClickAsync();
        await page.Locator("#undo-merge").WaitForAsync();

        Assert.Equal((int)HttpStatusCode.NotFound, (await page.APIRequest.GetAsync($"/api/customers/{second}")).Status);

        await page.Locator("#undo-merge").ClickAsync();
        await page.GetByText("Merge undone").WaitForAsync();
        Assert.Equal(200, (await page.APIRequest.GetAsync($"/api/customers/{second}")).Status);
    }

    [Fact]
    public async Task MergeEndpoint_AsSalesRep_Returns403()
    {
        var page = await host.NewPageAsync();
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Demo-User"] = "rep-1" });

        var response = await page.APIRequest.PostAsync("/api/duplicates/merge", new() { DataObject = new { survivorId = Guid.NewGuid(), mergeIds = new[] { Guid.NewGuid() } } });

        Assert.Equal((int)HttpStatusCode.Forbidden, response.Status);
    }

    [Fact]
    public async Task UndoEndpoint_UnknownMerge_Returns404()
    {
        var page = await host.NewPageAsync();

        var response = await page.APIRequest.PostAsync($"/api/duplicates/undo/{Guid.NewGuid()}");

        Assert.Equal((int)HttpStatusCode.NotFound, response.Status);
    }

    private static async Task<string> CreateAsync(IPage page, string name, string phone, string? email)
    {
        var response = await page.APIRequest.PostAsync("/api/customers", new()
        {
            DataObject = new { displayName = name, ownerId = "rep-1", phones = new[] { phone }, emails = email is null ? Array.Empty<string>() : [email] },
        });
        Assert.True(response.Ok, await response.TextAsync());
        return (await response.JsonAsync())!.Value.GetProperty("id").GetString()!;
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("%20")]
    public async Task CustomerEndpoint_BadId_Returns400(string id)
    {
        var page = await host.NewPageAsync();

        var response = await page.APIRequest.GetAsync($"/api/customers/{id}");

        Assert.Equal((int)HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task SearchEndpoint_TenKilobyteQuery_IsRejectedWith414()
    {
        var page = await host.NewPageAsync();
        string name = new string('x', 10 * 1024);

        var response = await page.APIRequest.GetAsync("/api/customers?q=" + name);

        Assert.Equal((int)HttpStatusCode.RequestUriTooLong, response.Status); // Kestrel's 8 kB request-line limit
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("王\u0001\u0007Smith")]
    [InlineData("\u0645\u062d\u0645\u062f张三Иван")]
    public async Task SearchEndpoint_OddNamePrefix_ReturnsOkAndNoMatches(string name)
    {
        var page = await host.NewPageAsync();
        string padded = name + new string('名', 300);

        var response = await page.APIRequest.GetAsync("/api/customers?q=" + Uri.EscapeDataString(padded));

        Assert.Equal(200, response.Status);
        var json = await response.JsonAsync();
        Assert.Equal(0, json!.Value.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task SignIn_AsRep_ChangesCurrentUser()
    {
        var page = await host.NewPageAsync();

        await page.GotoAsync("/index.html");
        await page.Locator("#user option").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var signIn = await page.RunAndWaitForResponseAsync(() => page.SelectOptionAsync("#user", "rep-1"), r => r.Url.Contains("/api/users/sign-in", StringComparison.Ordinal));

        Assert.True(signIn.Ok);
        var users = await (await page.APIRequest.GetAsync("/api/users")).JsonAsync();
        Assert.Equal("rep-1", users!.Value.GetProperty("current").GetString());
    }

    [Fact]
    public async Task Diagnostics_AfterRequests_ReportsRequestCounter()
    {
        var page = await host.NewPageAsync();
        await page.APIRequest.GetAsync("/api/customers?pageSize=1");

        var response = await page.APIRequest.GetAsync("/api/diagnostics");

        var json = await response.JsonAsync();
        Assert.True(json!.Value.GetProperty("customercore.web.requests").GetDouble() >= 1);
        Assert.Equal(120, json.Value.GetProperty("customercore.web.seeded_customers").GetDouble());
    }
}
