using System.Text.Json.Nodes;
using Weft.Support.Persistence;

namespace Weft.Support.Routing;

/// <summary>
/// What a turn's reply step is routed by, written into the turn's data by the desk: the conversation's team (its own, else
/// the routing rule of its intent; a team since deleted routes to anyone) and its language.
/// </summary>
internal static class TurnRouting
{
    /// <summary>The data fields to add to the turn's; a conversation without a team is given its intent's (saved by the caller).</summary>
    public static async Task<JsonObject> RouteAsync(SupportDbContext db, ConversationRecord conversation, CancellationToken ct)
    {
        conversation.Team ??= await Teams.TeamForAsync(db, conversation.Intent, ct);
        var team = conversation.Team is { } key && await Teams.ExistsAsync(db, key, ct) ? RoutingCapabilities.Team(key) : null;
        return new JsonObject
        {
            [RoutingCapabilities.TeamField] = team,
            [RoutingCapabilities.LanguageField] = RoutingCapabilities.Language(conversation.Language),
        };
    }
}
