namespace Weft.Flow.Definitions;

/// <summary>The validation rules of a task's routing fields: the capabilities its agent must hold too, and those preferred.</summary>
internal static class RoutingFields
{
    public static void Check(NodeDefinition node, List<ValidationError> errors)
    {
        Check(node, node.RequireField, "requireField", "require_field_invalid", errors);
        Check(node, node.PreferField, "preferField", "prefer_field_invalid", errors);
        if (node.RequireField is { } required && string.Equals(required, node.PreferField, StringComparison.Ordinal))
            errors.Add(new("prefer_field_invalid",
                $"Node '{node.Key}' prefers the capabilities it requires ('{required}'); prefer another field, or none.", node.Key));
    }

    private static void Check(NodeDefinition node, string? field, string name, string code, List<ValidationError> errors)
    {
        if (field is null) return;
        if (!node.IsWork)
            errors.Add(new(code, $"Node '{node.Key}' has '{name}', but only task and qc nodes have work to route.", node.Key));
        else if (!WaitingNodes.IsFieldPath(field))
            errors.Add(new(code, $"Node '{node.Key}' takes capabilities from '{field}', which is not a field name.", node.Key));
    }
}
