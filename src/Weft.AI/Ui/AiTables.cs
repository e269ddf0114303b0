namespace Weft.AI.Ui;

/// <summary>The tables whose committed changes the AI pages watch.</summary>
internal static class AiTables
{
    public const string Providers = "ai_providers";
    public const string Models = "ai_models";
    public const string Agents = "ai_agents";
    public const string Personas = "ai_personas";
    public const string Runs = "ai_runs";

    /// <summary>The engine's agent registry: an AI agent's name, capabilities and status live there.</summary>
    public const string FlowAgents = "flow_agents";
}
