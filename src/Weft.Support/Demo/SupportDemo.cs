using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Support.Answering;
using Weft.Support.Conversations;
using Weft.Support.Knowledge;
using Weft.Support.Sla;

namespace Weft.Support.Demo;

/// <summary>
/// The demo help desk: office hours in Lisbon with SLA policies on them, the demo's operator (agent alice) answering
/// customers, and three customers' conversations waiting. No AI agent answers in the demo (it has no model provider):
/// conversations go to people, saying so; connect a provider and give an AI agent the <c>support-answering</c>
/// capability to see the AI tier answer. The demo shop page (<c>/support/demo-shop</c>) hosts the chat widget.
/// </summary>
internal sealed class SupportDemo(SupportDb data, SlaSettings sla, Conversations.Conversations conversations, Articles articles, FlowEngines engines,
    RoutingDemo routing,
    ILogger<SupportDemo> logger)
{
    private const string Actor = "support-demo";

    public async Task SeedAsync(long tenant, CancellationToken ct)
    {
        await PeopleAsync(tenant, ct);
        await HelpCenterAsync(tenant, ct);
        await routing.SeedAsync(tenant, ct);
        await using (var db = await data.OpenAsync(tenant, ct))
            if (await db.SlaPolicies.AnyAsync(ct) || await db.Conversations.AnyAsync(ct)) return;
        var week = new[] { "mon", "tue", "wed", "thu", "fri" }.ToDictionary(d => d, _ => (List<HoursInterval?>?)[new HoursInterval("09:00", "18:00")]);
        await sla.PutCalendarAsync(tenant, "lisbon-office", new CalendarRequest("Lisbon office", "Europe/Lisbon", week, ["2026-12-08", "2026-12-25", "2027-01-01"], null), ct);
        await sla.PutPolicyAsync(tenant, "standard", new SlaPolicyRequest("Standard", null, null, 240, 480, 2400, "lisbon-office", null), ct);
        await sla.PutPolicyAsync(tenant, "urgent", new SlaPolicyRequest("Urgent", Priorities.Urgent, null, 60, 120, 480, "lisbon-office", null), ct);
        (string Name, string Email, string Message)[] customers =
        [
            ("Ines Duarte", "ines.duarte@example.com", "Hello! My saddle bag arrived with a scratch on the flap. Can it be repaired or replaced?"),
            ("Tom Becker", "tom.becker@example.org", "Where is my order 1042? It was due yesterday and the tracking has not moved for three days."),
            ("Sofia Alves", "sofia@alves.example", "Do you engrave initials on the card wallet, and how long does it take?"),
        ];
        foreach (var (name, email, message) in customers)
            await conversations.StartAsync(tenant, Actor, new StartConversationRequest(new CustomerRef(name, email, null), Channels.Api, null, message, null, null), ct);
        logger.LogInformation("Support demo ready: 3 conversations, SLA policies on Lisbon office hours; the chat widget is on /support/demo-shop");
    }

    /// <summary>The demo shop's help center articles, published (so also in the AI's help-center knowledge base) but one.</summary>
    private async Task HelpCenterAsync(long tenant, CancellationToken ct)
    {
        await using (var db = await data.OpenAsync(tenant, ct))
            if (await db.Articles.AnyAsync(ct)) return;
        foreach (var (request, published) in DemoArticles.All)
        {
            var article = await articles.CreateAsync(tenant, Actor, request, ct);
            if (published) await articles.PublishAsync(tenant, Actor, article.Id, new ArticleVersionRequest(article.Version), ct);
        }
    }

    /// <summary>The demo's operator (agent alice) answers customers.</summary>
    private async Task PeopleAsync(long tenant, CancellationToken ct)
    {
        var engine = engines.For(tenant);
        try
        {
            var alice = await engine.Agents.GetAgentAsync("alice", ct);
            if (alice.Capabilities.Any(c => string.Equals(c.Name, SupportFlow.People, StringComparison.OrdinalIgnoreCase))) return;
            await engine.Agents.UpdateAgentAsync(new CommandContext(Actor), "alice",
                new UpdateAgentRequest(null, null, [.. alice.Capabilities, new CapabilityDto(SupportFlow.People)], null, null, alice.Version), ct);
        }
        catch (WeftException e) when (e.Code == "agent_not_found")
        {
            logger.LogInformation("No agent 'alice' in the demo: nobody answers support conversations yet");
        }
    }
}
