using Microsoft.Extensions.AI;

namespace Weft.AI.Runs;

/// <summary>A run written and ready to ask its chain: everything that could refuse it has been checked.</summary>
internal sealed record PreparedRun(long Tenant, long Id, string Agent, IReadOnlyList<ChainLink> Links, IList<ChatMessage> Messages, ChatOptions Options);
