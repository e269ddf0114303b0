using Microsoft.Extensions.AI;
using Weft.AI.Knowledge;
using Weft.AI.Persistence;

namespace Weft.AI.Runs;

/// <summary>A run written and ready to ask its chain: everything that could refuse it has been checked.</summary>
/// <param name="Thread">The conversation the question and answer are added to; null when the caller keeps it.</param>
/// <param name="Bases">The knowledge bases its tool searches.</param>
/// <param name="Sources">The chunks it was given so far, numbered; tool searches add to them.</param>
/// <param name="MaxToolRounds">How many times the model may search before it must answer (0: no tools offered).</param>
/// <param name="Spent">The calls made while preparing it (the query's embeddings), recorded as its first calls.</param>
internal sealed record PreparedRun(long Tenant, long Id, string Agent, IReadOnlyList<ChainLink> Links, IList<ChatMessage> Messages, ChatOptions Options,
    long? Thread, string Input, IReadOnlyList<KnowledgeBaseRecord> Bases, List<RunSource> Sources, int MaxToolRounds, int? MaxOutputTokens,
    decimal? BudgetPerRun, IReadOnlyList<CallAttempt> Spent);
