namespace Weft.Flow.Automation;

/// <summary>Which handler does whose work: by agent key first, else by the work item's capability.</summary>
public sealed class AgentHandlerRegistry
{
    private readonly Dictionary<string, Type> byAgent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> byCapability = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Agents => byAgent.Keys;

    public IReadOnlyCollection<string> Capabilities => byCapability.Keys;

    internal void Add(Type handler, string? agent, string? capability)
    {
        if ((agent is null) == (capability is null)) throw new ArgumentException("Register a handler for an agent key or for a capability, one of them.");
        if (agent is not null && !byAgent.TryAdd(agent, handler)) throw new InvalidOperationException($"Agent '{agent}' already has a handler.");
        if (capability is not null && !byCapability.TryAdd(capability.Trim().ToLowerInvariant(), handler))
            throw new InvalidOperationException($"Capability '{capability}' already has a handler.");
    }

    public Type? Find(string agent, string capability) =>
        byAgent.GetValueOrDefault(agent) ?? byCapability.GetValueOrDefault(capability);
}
