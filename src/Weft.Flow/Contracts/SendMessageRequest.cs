using System.Text.Json.Nodes;

namespace Weft.Flow.Contracts;

/// <summary>The body of <c>POST /api/v1/messages</c>: e.g. <c>payment.captured</c> for order <c>1042</c>, with data the token takes on.</summary>
public sealed record SendMessageRequest(string? Name, string? CorrelationKey, JsonObject? Data);
