namespace Weft.Flow.Automation;

/// <summary>Which handler does whose work: by agent key first, else by the work item's capability, else by the agent's kind.</summary>
public sealed class AgentHandlerRegistry
{
    private readonly Dictionary<string, Type> byAgent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> byCapability = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> byKind = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Agents => byAgent.Keys;

    public IReadOnlyCollection<string> Capabilities => byCapability.Keys;

    /// <summary>Agent kinds whose every agent's work a handler does (AI agents, which tenants add at run time).</summary>
    public IReadOnlyCollection<string> Kinds => byKind.Keys;

    public bool IsEmpty => byAgent.Count == 0 && byCapability.Count == 0 && byKind.Count == 0;

    internal void AddKind(Type handler, string kind)
    {
        if (kind == "person") throw new ArgumentException("People do their own work; a handler is for service or ai agents.");
        if (!byKind.TryAdd(kind, handler)) throw new InvalidOperationException($"Agents of kind '{kind}' already have a handler.");
    }

    internal void Add(Type handler, string? agent, string? capability)
    {
        if ((agent is null) == (capability is null)) throw new ArgumentException("Register a handler for an agent key or for a capability, one of them.");
        if (agent is not null && !byAgent.TryAdd(agent, handler)) throw new InvalidOperationException($"Agent '{agent}' already has a handler.");
        if (capability is not null && !byCapability.TryAdd(capability.Trim().ToLowerInvariant(), handler))
            throw new InvalidOperationException($"Capability '{capability}' already has a handler.");
    }

    public Type? Find(string agent, string capability, string? kind = null) =>
        byAgent.GetValueOrDefault(agent) ?? byCapability.GetValueOrDefault(capability) ?? (kind is null ? null : byKind.GetValueOrDefault(kind));
}
