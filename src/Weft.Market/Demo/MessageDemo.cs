using Microsoft.EntityFrameworkCore;
using Weft.Market.Messages;
using Weft.Market.Organizations;
using Weft.Market.Visibility;

namespace Weft.Market.Demo;

/// <summary>
/// The demo's messages: Lumen Cathodes and Atacama Lithium talking about the lithium carbonate RFQ, and a video meeting
/// Atacama proposed for tomorrow on the demo's video service (<c>https://meet.jit.si/weft-demo-{room}</c>). With no mail
/// server configured the invitation is recorded as not sent; its .ics can be downloaded from the thread.
/// </summary>
internal sealed class MessageDemo(MarketDb data, Threads threads, Meetings meetings, MarketSettings settings)
{
    public const string VideoTemplate = "https://meet.jit.si/weft-demo-{room}";

    public async Task SeedAsync(long tenant, IReadOnlyDictionary<string, long> ids, CancellationToken ct)
    {
        await settings.SetVideoAsync(tenant, MarketViewer.System, new VideoSettingsRequest(VideoTemplate), ct);
        long rfq;
        await using (var db = await data.OpenAsync(tenant, MarketViewer.System, ct))
            rfq = await db.Rfqs.AsNoTracking().Where(r => r.Title == DemoRfqs.CarbonateTitle).Select(r => r.Id).FirstAsync(ct);
        var buyer = await MemberAsync(tenant, "buyer@weft.demo", ct);
        var supplier = await MemberAsync(tenant, "sales@weft.demo", ct);
        var (thread, _) = await threads.StartAsync(tenant, buyer, new StartThreadRequest(ThreadSubjects.Rfq, rfq, ids["atacama-lithium"],
            "Thank you for your quote. Could you confirm the sodium content of the lot you would ship in May?"), [], ct);
        var id = thread.Thread.Id;
        await threads.PostAsync(tenant, supplier, id, new PostMessageRequest(
            "Sodium is at 180-220 ppm on our last ten lots; I can send the certificates of analysis. Shall we go through the specification on a call?"), [], ct);
        await threads.PostAsync(tenant, buyer, id, new PostMessageRequest("Yes, please propose a time; our quality lead will join."), [], ct);
        var tomorrow = data.Now.Date.AddDays(1).AddHours(14);
        await meetings.ProposeAsync(tenant, supplier, id, new ProposeMeetingRequest(DateTime.SpecifyKind(tomorrow, DateTimeKind.Utc), 45,
            "Lithium carbonate specification review", "1. Sodium and magnetic impurities\n2. Certificates of analysis\n3. Shipping schedule"), ct);
    }

    private async Task<MarketViewer> MemberAsync(long tenant, string email, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, MarketViewer.System, ct);
        var m = await db.Members.AsNoTracking().FirstAsync(m => m.Email == email, ct);
        return MarketViewer.Member(m.OrganizationId, m.Role, m.UserId, m.Name);
    }
}
