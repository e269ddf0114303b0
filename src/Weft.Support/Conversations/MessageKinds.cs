namespace Weft.Support.Conversations;

/// <summary>Who wrote a message: the customer, a person on the team, an AI agent, a person for the team only (a note), or Weft.</summary>
internal static class MessageKinds
{
    public const string Customer = "customer";
    public const string Agent = "agent";
    public const string Ai = "ai";
    public const string Note = "note";
    public const string System = "system";

    /// <summary>What a caller of the API may write; AI and system messages come from Weft's own steps.</summary>
    public static readonly IReadOnlyList<string> Writable = [Customer, Agent, Note];
}
