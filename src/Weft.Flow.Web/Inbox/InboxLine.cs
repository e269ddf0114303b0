using Weft.Flow.Contracts;

namespace Weft.Flow.Web.Inbox;

/// <summary>An open inbox entry as the inbox shows it, with its job's reference.</summary>
public sealed record InboxLine(InboxEntryDto Entry, string? Job)
{
    /// <summary>Names the entry in the accessible names of its controls.</summary>
    public string Label => Job is null ? $"entry {Entry.Id}" : $"entry {Entry.Id} ({Job})";

    /// <summary>Whether the entry is about a work item, which can then be assigned or put back in the pool.</summary>
    public bool HasWork => Entry.WorkItemId is not null;
}
