namespace Weft.Identity.Audit;

/// <summary>Which audit entries to list: of a type, by an actor (exact, or a part of it), in a period; newest first or oldest first.</summary>
public sealed record AuditQuery(string? Type, string? Actor, DateTime? From, DateTime? To, bool NewestFirst, int? Limit, string? Cursor);
