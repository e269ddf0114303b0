using Weft.AI.Providers;

namespace Weft.AI.Ui;

/// <summary>Provider kinds as people call them.</summary>
internal static class KindLabels
{
    public static string Of(string kind) => kind switch
    {
        ProviderKinds.OpenAI => "OpenAI",
        ProviderKinds.Anthropic => "Anthropic",
        ProviderKinds.Gemini => "Google Gemini",
        ProviderKinds.OpenAICompatible => "OpenAI-compatible",
        _ => kind,
    };
}
