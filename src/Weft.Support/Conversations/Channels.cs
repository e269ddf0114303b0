namespace Weft.Support.Conversations;

/// <summary>How a conversation reaches the team.</summary>
internal static class Channels
{
    public const string Chat = "chat";
    public const string Email = "email";
    public const string Api = "api";

    public static readonly IReadOnlyList<string> All = [Chat, Email, Api];
}
