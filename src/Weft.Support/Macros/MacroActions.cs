namespace Weft.Support.Macros;

/// <summary>What a macro changes in the conversation it is applied to; a field left out changes nothing.</summary>
public sealed record MacroActions(string? Status = null, string? Priority = null, string? Type = null, List<string>? AddTags = null, List<string>? RemoveTags = null)
{
    public bool IsEmpty => Status is null && Priority is null && Type is null && AddTags is not { Count: > 0 } && RemoveTags is not { Count: > 0 };
}
