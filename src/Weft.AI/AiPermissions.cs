namespace Weft.AI;

/// <summary>The AI module's permissions; each is also the name of its authorization policy.</summary>
public static class AiPermissions
{
    /// <summary>See AI agents, providers, models, runs and costs.</summary>
    public const string Read = "ai:read";

    /// <summary>Run AI agents (each run costs money).</summary>
    public const string Run = "ai:run";

    /// <summary>Configure providers, models and agents.</summary>
    public const string Manage = "ai:manage";
}
