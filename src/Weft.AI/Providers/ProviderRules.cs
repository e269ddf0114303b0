using Weft.AI.Persistence;
using Weft.Platform.Errors;

namespace Weft.AI.Providers;

/// <summary>What every provider must satisfy, and how one is shown.</summary>
internal static class ProviderRules
{
    public const int DefaultTimeoutSeconds = 60;
    public const int MaxTimeoutSeconds = 600;
    public const int MaxApiKeyLength = 1000;

    public static void CheckName(FieldErrors errors, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) errors.Add("name", "'name' is required, at most 200 characters.");
    }

    public static void CheckKind(FieldErrors errors, string? kind)
    {
        if (kind is null || !ProviderKinds.All.Contains(kind)) errors.Add("kind", $"'kind' must be one of: {string.Join(", ", ProviderKinds.All)}.");
    }

    /// <summary>An absolute http or https address, without credentials, query or fragment.</summary>
    public static void CheckBaseUrl(FieldErrors errors, string? baseUrl)
    {
        if (baseUrl is null) return;
        if (baseUrl.Length > 500 || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            errors.Add("baseUrl", "'baseUrl' must be an absolute http or https address (at most 500 characters) without credentials, query or fragment.");
    }

    public static void CheckApiKey(FieldErrors errors, string? apiKey)
    {
        if (apiKey is null) return;
        if (apiKey.Length is 0 or > MaxApiKeyLength || apiKey.Any(char.IsControl) || apiKey.Trim() != apiKey)
            errors.Add("apiKey", $"'apiKey' must be 1-{MaxApiKeyLength} characters without spaces around it or control characters.");
    }

    public static void CheckTimeout(FieldErrors errors, int? seconds)
    {
        if (seconds is < 1 or > MaxTimeoutSeconds) errors.Add("timeoutSeconds", $"'timeoutSeconds' must be between 1 and {MaxTimeoutSeconds}.");
    }

    /// <summary>An OpenAI-compatible server has no address of its own; the vendors' APIs all need a key.</summary>
    public static void CheckComplete(FieldErrors errors, string kind, string? baseUrl, bool hasApiKey)
    {
        if (kind == ProviderKinds.OpenAICompatible && baseUrl is null && !errors.Has("baseUrl"))
            errors.Add("baseUrl", "An OpenAI-compatible provider needs its 'baseUrl'.");
        if (kind != ProviderKinds.OpenAICompatible && !hasApiKey && !errors.Has("apiKey"))
            errors.Add("apiKey", $"A provider of kind '{kind}' needs its 'apiKey'.");
    }

    public static ProviderDto ToDto(this ProviderRecord p) =>
        new(p.Id, p.Key, p.Name, p.Kind, p.BaseUrl, p.ApiKeyProtected is not null, p.TimeoutSeconds, p.CreatedAt, p.UpdatedAt, p.Version);

    public static WeftException NotFound(string key) => WeftException.NotFound("provider_not_found", $"There is no provider '{key}'.");
}
