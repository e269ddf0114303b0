namespace Weft.Support.Conversations;

/// <summary>Someone a conversation can be given to: a person agent on the support team.</summary>
public sealed record PersonOption(string Key, string Name);
