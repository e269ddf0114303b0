using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Support.Answering;
using Weft.Support.Conversations;

namespace Weft.Support.Routing;

/// <summary>
/// A person moves a conversation to another team: the conversation says so, later turns are routed to that team, and the
/// turn under way has its reply step routed again through the engine (in the same transaction): unstarted work goes to
/// the new team's people, work a person has started stays with them.
/// </summary>
internal sealed class ConversationTeams(SupportDb data, FlowEngines engines, Turns turns)
{
    public async Task<ConversationDto> ChangeTeamAsync(long tenant, string actor, long id, ChangeTeamRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var team = string.IsNullOrWhiteSpace(request.Team) ? null : request.Team.Trim();
        if (team is { Length: > 64 }) throw FieldErrors.Of("team", "'team' is a team's key, at most 64 characters.");
        return await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, ct)
                ?? throw WeftException.NotFound("conversation_not_found", $"Conversation {id} does not exist.");
            if (request.Version is { } version && version != conversation.Version)
                throw WeftException.Conflict("stale_version", $"Conversation {conversation.Number} changed meanwhile (version {conversation.Version}); reload it.");
            if (team is not null && !await Teams.ExistsAsync(db, team, ct))
                throw WeftException.Rule("team_unknown", $"There is no team '{team}'.");
            if (conversation.Team != team)
            {
                conversation.Team = team;
                conversation.UpdatedAt = data.Now;
                if (await turns.IsOpenAsync(tenant, conversation, ct))
                {
                    var engine = engines.For(tenant);
                    var items = await engine.Work.ListWorkItemsAsync(new WorkItemFilter(null, null, null, SupportFlow.Reply, conversation.JobId), 10, null, ct);
                    foreach (var item in items.Items.Where(i => WorkItemStates.Open.Contains(i.State)))
                        await engine.Work.RouteAsync(new CommandContext(actor) { Unit = unit }, item.Id,
                            new RouteWorkItemRequest(team is null ? [] : [RoutingCapabilities.Team(team)], null), ct);
                }
                await db.SaveChangesAsync(ct);
            }
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
            return Conversations.Conversations.ToDto(conversation, customer);
        }, ct);
    }
}
