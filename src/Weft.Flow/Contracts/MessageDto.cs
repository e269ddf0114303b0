namespace Weft.Flow.Contracts;

/// <summary>
/// A message sent to the flows: <c>consumed</c> by the tokens (<paramref name="Tokens"/>) that were waiting
/// for it, or <c>kept</c> for the first token that arrives at a wait node for its name and key.
/// </summary>
public sealed record MessageDto(long Id, string Name, string CorrelationKey, string State, IReadOnlyList<long> Tokens, DateTime ReceivedAt);
