using Weft.Support.Conversations;

namespace Weft.Support.Macros;

/// <summary>What applying a macro to a conversation would do: the message as it would read, and the actions.</summary>
internal sealed record MacroPreview(long Macro, long Conversation, string Title, string? Body, bool AsNote, MacroActions Actions);

/// <summary>The body of <c>POST /api/v1/support/conversations/{id}/macros/{macroId}</c>: the conversation's version and the last message seen, both optional guards, and a client id for resending.</summary>
internal sealed record ApplyMacroRequest(int? Version, long? SeenUpTo, string? ClientId);

/// <summary>A macro applied: the conversation as it is now, and the message it wrote (none for a macro without a body).</summary>
internal sealed record MacroApplied(ConversationDto Conversation, MessageDto? Message);
