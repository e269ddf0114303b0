namespace Weft.AI.Ui;

/// <summary>The tables whose committed changes the AI pages watch.</summary>
internal static class AiTables
{
    public const string Providers = "ai_providers";
    public const string Models = "ai_models";
    /// <summary>Runs; their calls are written in the same transaction, so a run's change covers its calls and costs.</summary>
    public const string Runs = "ai_runs";
}
