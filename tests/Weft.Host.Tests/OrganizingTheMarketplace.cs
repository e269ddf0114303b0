using System.Net;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// The marketplace's members: the operator's staff add buyer and supplier organizations; an organization's admins add
/// the tenant's users as its members with a role that fits its kind; a person belongs to one organization, sees who is
/// in it and nobody else's people.
/// </summary>
public sealed class OrganizingTheMarketplace
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Organizations_keep_their_people_to_themselves(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var buyer = await market.BuyerAsync();
        var supplier = await market.SupplierAsync();

        var me = await buyer.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/me");
        me["kind"]!.GetValue<string>().ShouldBe("member");
        me["role"]!.GetValue<string>().ShouldBe("buyer_admin");
        me["organization"]!["id"]!.GetValue<long>().ShouldBe(buyer.Organization);
        (await market.Staff.OkAsync(HttpMethod.Get, "/api/v1/market/me"))["kind"]!.GetValue<string>().ShouldBe("staff");

        // Everyone sees the directory of organizations; only one's own people.
        (await supplier.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/organizations"))["items"]!.AsArray().Count.ShouldBe(2);
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/organizations/{buyer.Organization}/members")).AsArray().Single()!["email"]!
            .GetValue<string>().ShouldBe(buyer.Email);
        (await buyer.Caller.SendAsync(HttpMethod.Get, $"/api/v1/market/organizations/{supplier.Organization}/members")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The admin adds a colleague; the colleague, not an admin, may not add anyone; the roles fit the kind.
        var (_, colleagueAuth) = await SecurityFixtures.UserAsync(api, api.Client, "colleague@market.test", "viewer");
        (await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/organizations/{buyer.Organization}/members",
            new { email = "colleague@market.test", role = "buyer" }))["role"]!.GetValue<string>().ShouldBe("buyer");
        var colleague = new WeftCaller(api.CreateClient(colleagueAuth));
        await SecurityFixtures.UserAsync(api, api.Client, "newcomer@market.test", "viewer");
        (await colleague.SendAsync(HttpMethod.Post, $"/api/v1/market/organizations/{buyer.Organization}/members",
            new { email = "newcomer@market.test", role = "buyer" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/organizations/{buyer.Organization}/members",
            new { email = "newcomer@market.test", role = "sales" })).ShouldBe((400, "validation_failed"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/organizations/{buyer.Organization}/members",
            new { email = "nobody@market.test", role = "buyer" })).ShouldBe((422, "user_not_found"));
        (await ProblemAsync(supplier.Caller, HttpMethod.Post, $"/api/v1/market/organizations/{supplier.Organization}/members",
            new { email = "colleague@market.test", role = "sales" })).ShouldBe((409, "already_a_member"));
        (await ProblemAsync(supplier.Caller, HttpMethod.Post, $"/api/v1/market/organizations/{buyer.Organization}/members",
            new { email = "newcomer@market.test", role = "buyer" })).ShouldBe((403, "organization_admin_only"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Delete, $"/api/v1/market/organizations/{buyer.Organization}/members/{buyer.UserId}", null))
            .ShouldBe((409, "last_admin"));

        // A supplier's admin keeps its profile; nobody else's.
        var org = await supplier.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/organizations/{supplier.Organization}");
        (await supplier.Caller.OkAsync(HttpMethod.Put, $"/api/v1/market/organizations/{supplier.Organization}",
            new { name = "Atacama Lithium SpA", country = "cl", website = "https://atacama.example", version = org["version"]!.GetValue<int>() }))["country"]!
            .GetValue<string>().ShouldBe("CL");
        (await ProblemAsync(buyer.Caller, HttpMethod.Put, $"/api/v1/market/organizations/{supplier.Organization}",
            new { name = "Mine now", country = "DE" })).ShouldBe((403, "organization_admin_only"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, "/api/v1/market/organizations",
            new { key = "sneaky", name = "Sneaky", kind = "buyer", country = "DE" })).ShouldBe((403, "forbidden"));
    }

    private static async Task<(int, string?)> ProblemAsync(WeftCaller caller, HttpMethod method, string url, object? body)
    {
        var answer = await SecurityFixtures.ReadAsync(await caller.SendAsync(method, url, body));
        return (answer.Status, answer.Code);
    }
}
