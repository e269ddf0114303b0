using System.Text.Json.Nodes;

namespace Weft.Testing.FakeProviders;

/// <summary>A request the <see cref="FakeProviderServer"/> received, kept so a test can check what was sent.</summary>
/// <param name="Path">The path, e.g. <c>/v1/chat/completions</c> or <c>/v1beta/models/gemini-fake:generateContent</c>.</param>
/// <param name="Query">The query string with its leading <c>?</c>, or empty.</param>
/// <param name="Headers">Header values by name, case-insensitive; repeated headers joined with commas.</param>
/// <param name="Body">The body as JSON, or null when it was empty or not JSON.</param>
/// <param name="Model">The model the request named (in its body, or in its path for Gemini).</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    JsonNode? Body,
    string? Model)
{
    /// <summary>The value of a header, or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
