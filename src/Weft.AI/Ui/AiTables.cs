namespace Weft.AI.Ui;

/// <summary>The tables whose committed changes the AI pages watch.</summary>
internal static class AiTables
{
    public const string Providers = "ai_providers";
    public const string Models = "ai_models";
    public const string Agents = "ai_agents";
    public const string Personas = "ai_personas";
    /// <summary>Runs; their calls are written in the same transaction, so a run's change covers its calls and costs.</summary>
    public const string Runs = "ai_runs";
    public const string KnowledgeBases = "ai_knowledge_bases";
    /// <summary>Documents; their chunks are written in the same transaction, so a document's change covers its chunks.</summary>
    public const string Documents = "ai_documents";

    /// <summary>The engine's agent registry: an AI agent's name, capabilities and status live there.</summary>
    public const string FlowAgents = "flow_agents";
}
