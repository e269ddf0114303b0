namespace Weft.AI.Patterns;

/// <summary>
/// One part in a pattern: the node's key, what it is called, the capability whose agents do it (an AI agent, a person
/// or a service: whoever has it), and the instructions they get with the token's data.
/// </summary>
internal sealed record PatternRole(string? Key, string? Name, string? Capability, string? Instructions);
