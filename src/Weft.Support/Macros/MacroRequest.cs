namespace Weft.Support.Macros;

/// <summary>
/// The body of <c>POST /api/v1/support/macros</c> and <c>PUT /api/v1/support/macros/{id}</c>: a title, the message it
/// writes (with variables such as <c>{{customer.first_name}}</c>; none for a macro that only acts), whether that goes in
/// as an internal note, and its actions. <c>version</c> guards an edit.
/// </summary>
internal sealed record MacroRequest(string? Title, string? Body, bool? AsNote, MacroActionsRequest? Actions, int? Version);

/// <summary>A macro's actions as a request gives them, checked against the statuses, priorities, types and tag rules.</summary>
internal sealed record MacroActionsRequest(string? Status, string? Priority, string? Type, List<string?>? AddTags, List<string?>? RemoveTags);
