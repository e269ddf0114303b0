using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Weft.Market.Organizations;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Tenancy;
using Weft.Platform.Web.Security;

namespace Weft.Market.Demo;

/// <summary>
/// The demo marketplace: its organizations (<see cref="DemoOrganizations"/>) and the people who sign in for them
/// (password: the demo password), the supplier directory (<see cref="DirectoryDemo"/>), their RFQs (<see cref="DemoRfqs"/>), auctions
/// (<see cref="AuctionDemo"/>), past deals and reviews (<see cref="DealDemo"/>) and messages (<see cref="MessageDemo"/>). Seeded once: an
/// organization already there is left as it is.
/// </summary>
internal sealed class MarketDemo(MarketDb data, IUserDirectory users, Organizations.Organizations organizations, DirectoryDemo directory, DemoRfqs rfqs,
    AuctionDemo auctions, DealDemo deals, MessageDemo messages, ILogger<MarketDemo> logger)
{
    public async Task SeedAsync(long tenant, CancellationToken ct)
    {
        await using (var db = await data.OpenAsync(tenant, MarketViewer.System, ct))
            if (await db.Organizations.AnyAsync(ct))
            {
                // A marketplace seeded before the directory existed gets its directory now (once: it checks for itself).
                var keys = DemoOrganizations.Suppliers.Select(s => s.Key).ToList();
                var known = await db.Organizations.AsNoTracking().Where(o => keys.Contains(o.Key)).ToDictionaryAsync(o => o.Key, o => o.Id, ct);
                if (known.Count == keys.Count)
                {
                    await directory.SeedAsync(tenant, known, ct);
                    // Its past deals and reviews too, which its ratings are (once: the demo checks for reviews itself).
                    var all = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Key, o => o.Id, ct);
                    if (DemoOrganizations.Buyers.All(b => all.ContainsKey(b.Key))) await deals.SeedAsync(tenant, all, ct);
                }
                return;
            }
        var ids = new Dictionary<string, long>();
        foreach (var org in DemoOrganizations.Suppliers.Concat(DemoOrganizations.Buyers))
        {
            var created = await organizations.CreateAsync(tenant, MarketViewer.System,
                new OrganizationRequest(org.Key, org.Name, org.Kind, org.Country, org.Description, null, null), ct);
            ids[org.Key] = created.Id;
            if (org.Verified && org.Kind == MarketRoles.Supplier)
                await data.ChangeAsync(tenant, MarketViewer.System, async db =>
                {
                    var record = await db.Organizations.FirstAsync(o => o.Id == created.Id, ct);
                    record.Verified = true;
                    await db.SaveChangesAsync(ct);
                    return true;
                }, ct);
        }
        foreach (var (email, name, organization, role) in DemoOrganizations.People)
        {
            await users.EnsureDemoUserAsync(tenant, email, name, Roles.Viewer, ct);
            await organizations.AddMemberAsync(tenant, MarketViewer.System, ids[organization], new AddMemberRequest(email, role), ct);
        }
        await directory.SeedAsync(tenant, ids, ct);
        await rfqs.SeedAsync(tenant, ids, ct);
        await auctions.SeedAsync(tenant, ids, ct);
        // After the RFQs and auctions of today, which keep the first numbers (RFQ-00001 is the carbonate RFQ to compare).
        await deals.SeedAsync(tenant, ids, ct);
        await messages.SeedAsync(tenant, ids, ct);
        logger.LogInformation("Market demo ready: {Suppliers} suppliers, {Buyers} buyers; buyer@weft.demo buys for Lumen Cathodes, sales@, sales2@, sales3@weft.demo sell; one auction finished, one opens in 5 minutes",
            DemoOrganizations.Suppliers.Count, DemoOrganizations.Buyers.Count);
    }
}
