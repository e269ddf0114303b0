using System.Text.RegularExpressions;
using Weft.AI.Persistence;
using Weft.AI.Providers;
using Weft.Platform.Errors;

namespace Weft.AI.Models;

/// <summary>What every model of the catalogue must satisfy, and how one is shown.</summary>
internal static partial class ModelRules
{
    public const decimal MaxPrice = 100_000m;
    public const int MaxContextWindow = 100_000_000;

    public static void CheckKey(FieldErrors errors, string? key)
    {
        if (key is null || !KeyPattern().IsMatch(key))
            errors.Add("key", "'key' must be 1-100 letters, digits, '.', '_', ':' or '-'.");
    }

    public static void CheckProviderModel(FieldErrors errors, string? name)
    {
        if (name is null) return;
        if (name.Length is 0 or > 200 || name.Trim() != name || name.Any(char.IsControl))
            errors.Add("providerModel", "'providerModel' must be 1-200 characters without spaces around it or control characters.");
    }

    public static void CheckPurpose(FieldErrors errors, string? purpose)
    {
        if (purpose is not null && !ModelPurposes.All.Contains(purpose))
            errors.Add("purpose", $"'purpose' must be one of: {string.Join(", ", ModelPurposes.All)}.");
    }

    public static void CheckFigures(FieldErrors errors, int? contextWindow, decimal? input, decimal? output, decimal? cached)
    {
        if (contextWindow is < 1 or > MaxContextWindow) errors.Add("contextWindow", $"'contextWindow' must be between 1 and {MaxContextWindow:N0} tokens.");
        CheckPrice(errors, "inputPrice", input);
        CheckPrice(errors, "outputPrice", output);
        CheckPrice(errors, "cachedInputPrice", cached);
    }

    private static void CheckPrice(FieldErrors errors, string field, decimal? price)
    {
        if (price is < 0 or > MaxPrice || (price is { } p && decimal.Round(p, 6) != p))
            errors.Add(field, $"'{field}' must be between 0 and {MaxPrice:N0} dollars per million tokens, with at most 6 decimals.");
    }

    /// <summary>A provider named for a model must exist and speak the model's protocol.</summary>
    public static void CheckProvider(FieldErrors errors, ProviderRecord? provider, string key, string kind)
    {
        if (provider is null) errors.Add("provider", $"There is no provider '{key}'.");
        else if (provider.Kind != kind) errors.Add("provider", $"Provider '{key}' is of kind '{provider.Kind}', the model of kind '{kind}'.");
    }

    public static ModelDto ToDto(this ModelRecord m) =>
        new(m.Id, m.Key, m.Kind, m.Provider, m.ProviderModel, m.Purpose, m.ContextWindow, m.InputPrice, m.OutputPrice, m.CachedInputPrice,
            m.CreatedAt, m.UpdatedAt, m.Version);

    public static WeftException NotFound(string key) => WeftException.NotFound("model_not_found", $"There is no model '{key}' in the catalogue.");

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex KeyPattern();
}
