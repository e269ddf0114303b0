namespace Weft.Support.Live;

/// <summary>Someone else with a conversation open: who (their agent, else who they signed in as), their name, and whether they are writing.</summary>
internal sealed record PresenceEntry(string Person, string Name, bool Typing);
