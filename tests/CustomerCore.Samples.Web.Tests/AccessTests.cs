using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace CustomerCore.Samples.Web.Tests;

/// <summary>The web host applies the library's access rules per demo user (sent as the X-Demo-User header).</summary>
[Collection(SharedWebHost.Name)]
public sealed class AccessTests(WebHostFixture host)
{
    [Fact]
    public async Task Rep_ListsOnlyOwnCustomers_AndGetsNotFoundForAnotherRepsCustomer()
    {
        var admin = await ListAsync("admin");
        var foreign = admin.First(c => c.GetProperty("ownerId").GetString() == "rep-3").GetProperty("id").GetString();

        var own = await ListAsync("rep-1");
        var response = await RequestAs("rep-1").GetAsync($"/api/customers/{foreign}");

        Assert.NotEmpty(own);
        Assert.All(own, c => Assert.Equal("rep-1", c.GetProperty("ownerId").GetString()));
        Assert.Equal((int)HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Manager_SeesTheTeamsCustomers_NotTheOtherTeams()
    {
        var owners = (await ListAsync("manager")).Select(c => c.GetProperty("ownerId").GetString()).Distinct().ToList();

        Assert.Contains("rep-1", owners);
        Assert.Contains("rep-2", owners);
        Assert.DoesNotContain("rep-3", owners);
        Assert.DoesNotContain("rep-4", owners);
    }

    [Fact]
    public async Task Marketing_CannotCreate_Gets403()
    {
        var response = await RequestAs("marketing").PostAsync("/api/customers", new() { DataObject = new { displayName = "Should not exist" } });

        Assert.Equal((int)HttpStatusCode.Forbidden, response.Status);
    }

    [Fact]
    public async Task Rep_CreatesCustomerWithoutOwner_BecomesItsOwner()
    {
        var response = await RequestAs("rep-2").PostAsync("/api/customers", new() { DataObject = new { displayName = "Walk-in 王" } });

        Assert.True(response.Ok, await response.TextAsync());
        var json = await response.JsonAsync();
        Assert.Equal("rep-2", json!.Value.GetProperty("ownerId").GetString());
    }

    private IAPIRequestContext RequestAs(string user) =>
        host.Playwright.APIRequest.NewContextAsync(new() { BaseURL = host.BaseUrl, ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Demo-User"] = user } }).GetAwaiter().GetResult();

    private async Task<List<JsonElement>> ListAsync(string user)
    {
        var response = await RequestAs(user).GetAsync("/api/customers?pageSize=200");
        Assert.True(response.Ok, await response.TextAsync());
        var json = await response.JsonAsync();
        return [.. json!.Value.GetProperty("items").EnumerateArray()];
    }
}
