namespace Weft.Flow.Definitions;

/// <summary>
/// A ready-made step for the routing designer: a kind of node with its capability, standard minutes, timeout,
/// assignment and operators filled in, each adjustable once added. <paramref name="Key"/> also starts the keys of the
/// nodes made from it (<c>cutting</c>, <c>cutting-2</c>).
/// </summary>
public sealed record NodePreset(string Key, string Name, NodeDefinition Template);

/// <summary>A step a manager saved for the routing designer, with who saved it and when.</summary>
public sealed record SavedNodePreset(string Key, string Name, NodeDefinition Template, string? SavedBy, DateTime SavedAt)
{
    public NodePreset AsPreset() => new(Key, Name, Template);
}

/// <summary>
/// Presets a module offers the routing designer (the engine offers the basic kinds; production its workshop steps).
/// Register implementations as singletons; the designer lists them all, in registration order.
/// </summary>
public interface INodePresetSource
{
    IReadOnlyList<NodePreset> Presets { get; }
}
