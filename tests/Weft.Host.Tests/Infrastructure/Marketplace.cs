using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>
/// A marketplace for tests: organizations made by the operator's staff (the test's admin client) and people who sign in
/// as their members, each with a caller of their own.
/// </summary>
public sealed class Marketplace(WeftApi api)
{
    private int counter;

    public WeftApi Api => api;

    /// <summary>The operator's staff: the admin the test host signs in as.</summary>
    public WeftCaller Staff { get; } = new(api.Client);

    /// <summary>A new organization of <paramref name="kind"/> (buyer or supplier); returns its id.</summary>
    public async Task<long> OrganizationAsync(string kind, string name, string country = "CL", bool verified = false)
    {
        var key = $"{kind}-{Interlocked.Increment(ref counter)}-{Guid.NewGuid():N}"[..40].TrimEnd('-');
        var org = await Staff.OkAsync(HttpMethod.Post, "/api/v1/market/organizations", new { key, name, kind, country });
        var id = org["id"]!.GetValue<long>();
        if (verified) await api.Services.MarkVerifiedAsync(id);
        return id;
    }

    /// <summary>A new person (a tenant viewer) made a member of <paramref name="organization"/> with <paramref name="role"/>, signed in.</summary>
    public async Task<Member> MemberAsync(long organization, string role, string? email = null)
    {
        email ??= $"m{Interlocked.Increment(ref counter)}-{Guid.NewGuid():N}"[..20] + "@market.test";
        var (id, authorization) = await SecurityFixtures.UserAsync(api, api.Client, email, "viewer");
        await Staff.OkAsync(HttpMethod.Post, $"/api/v1/market/organizations/{organization}/members", new { email, role });
        return new Member(id, organization, email, new WeftCaller(api.CreateClient(authorization)), authorization);
    }

    /// <summary>A buyer organization with a buyer admin.</summary>
    public async Task<Member> BuyerAsync(string name = "Lumen Cathodes", string country = "DE") =>
        await MemberAsync(await OrganizationAsync("buyer", name, country), "buyer_admin");

    /// <summary>A supplier organization (verified unless told otherwise) with a supplier admin.</summary>
    public async Task<Member> SupplierAsync(string name = "Atacama Lithium", string country = "CL", bool verified = true) =>
        await MemberAsync(await OrganizationAsync("supplier", name, country, verified), "supplier_admin");

    public sealed record Member(long UserId, long Organization, string Email, WeftCaller Caller, string Authorization);
}

internal static class MarketplaceServices
{
    /// <summary>Gives a supplier the verified badge directly (what the operator's verification flow ends with).</summary>
    public static async Task MarkVerifiedAsync(this IServiceProvider services, long organization)
    {
        var data = (Weft.Market.MarketDb)services.GetService(typeof(Weft.Market.MarketDb))!;
        await data.ChangeAsync(1, Weft.Market.Visibility.MarketViewer.System, async db =>
        {
            var record = db.Organizations.First(o => o.Id == organization);
            record.Verified = true;
            await db.SaveChangesAsync();
            return true;
        }, CancellationToken.None);
    }
}
