using System.Text.Json.Nodes;

namespace Weft.Flow.Automation;

/// <summary>What a handler did: the outcome (an edge's, or pass/fail at a qc) and data the token takes on.</summary>
public sealed record AgentResult(string? Outcome = null, JsonObject? Data = null);
