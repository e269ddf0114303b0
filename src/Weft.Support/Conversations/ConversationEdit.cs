using Weft.Platform.Errors;

namespace Weft.Support.Conversations;

/// <summary>A checked change of a conversation's fields (null: unchanged; an empty type or assignee clears it).</summary>
internal sealed record ConversationEdit(string? Priority, string? Type, IReadOnlyList<string> AddTags, IReadOnlyList<string> RemoveTags, string? Assignee)
{
    public bool IsEmpty => Priority is null && Type is null && AddTags.Count == 0 && RemoveTags.Count == 0 && Assignee is null;

    /// <summary>Checks the fields, reporting each wrong one in <paramref name="errors"/> (with <paramref name="prefix"/> before its name).</summary>
    public static ConversationEdit Check(string? priority, string? type, IEnumerable<string?>? addTags, IEnumerable<string?>? removeTags, string? assignee,
        FieldErrors errors, string prefix = "")
    {
        if (priority is not null && !Priorities.All.Contains(priority))
            errors.Add(prefix + "priority", $"'priority' is one of {string.Join(", ", Priorities.All)}.");
        var cleanType = type?.Trim().ToLowerInvariant();
        if (cleanType is { Length: > 0 } && !ConversationTypes.All.Contains(cleanType))
            errors.Add(prefix + "type", $"'type' is one of {string.Join(", ", ConversationTypes.All)}, or \"\" for none.");
        var add = ConversationTags.Normalise(addTags, prefix + "addTags", errors);
        var remove = ConversationTags.Normalise(removeTags, prefix + "removeTags", errors);
        if (add.Intersect(remove).Any()) errors.Add(prefix + "removeTags", "A tag is either added or removed, not both.");
        var cleanAssignee = assignee?.Trim();
        if (cleanAssignee is { Length: > 0 } && !FieldErrors.IsKey(cleanAssignee))
            errors.Add(prefix + "assignee", "'assignee' is an agent's key (1-64 letters, digits, '_', '.' or '-'), or \"\" for nobody.");
        return new ConversationEdit(priority, cleanType, add, remove, cleanAssignee);
    }
}
