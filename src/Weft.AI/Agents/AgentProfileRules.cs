using System.Text.Json;
using Weft.AI.Models;
using Weft.AI.Persistence;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;

namespace Weft.AI.Agents;

/// <summary>What every AI agent's profile must satisfy, and how one is shown.</summary>
internal static class AgentProfileRules
{
    public const int MaxChain = 5;
    public const int MaxOutputTokensLimit = 1_000_000;
    public const string AiKind = "ai";

    public static void CheckFields(FieldErrors errors, string? description, IReadOnlyList<string>? models, double? temperature, int? maxOutputTokens,
        bool creating)
    {
        if (description is { Length: > 2000 }) errors.Add("description", "'description' is at most 2000 characters.");
        if (creating && models is null) errors.Add("models", "'models' is required: model keys of the catalogue, primary first.");
        if (models is not null)
        {
            if (models.Count is 0 or > MaxChain) errors.Add("models", $"'models' holds 1-{MaxChain} model keys, primary first.");
            else if (models.Distinct(StringComparer.Ordinal).Count() != models.Count) errors.Add("models", "'models' names a model twice.");
            foreach (var model in models)
            {
                var check = new FieldErrors();
                ModelRules.CheckKey(check, model);
                if (check.Count > 0) errors.Add("models", $"'{model}' is not a model key.");
            }
        }
        if (temperature is < 0 or > 2 || temperature is double.NaN) errors.Add("temperature", "'temperature' must be between 0 and 2.");
        if (maxOutputTokens is < 1 or > MaxOutputTokensLimit) errors.Add("maxOutputTokens", $"'maxOutputTokens' must be between 1 and {MaxOutputTokensLimit:N0}.");
    }

    public const int MaxToolRoundsLimit = 10;

    public static void CheckKnowledgeFields(FieldErrors errors, IReadOnlyList<string>? knowledge, int? maxToolRounds)
    {
        if (knowledge is { Count: > Knowledge.KnowledgeRules.MaxBasesPerAgent })
            errors.Add("knowledge", $"'knowledge' names at most {Knowledge.KnowledgeRules.MaxBasesPerAgent} knowledge bases.");
        else if (knowledge is not null && knowledge.Distinct(StringComparer.Ordinal).Count() != knowledge.Count) errors.Add("knowledge", "'knowledge' names a base twice.");
        if (maxToolRounds is < 0 or > MaxToolRoundsLimit) errors.Add("maxToolRounds", $"'maxToolRounds' must be between 0 and {MaxToolRoundsLimit}.");
    }

    public static void CheckBudgets(FieldErrors errors, decimal? perRun, decimal? perDay)
    {
        if (perRun is <= 0 or > 100_000) errors.Add("budgetPerRun", "'budgetPerRun' must be more than 0 and at most 100,000 dollars.");
        if (perDay is <= 0 or > 1_000_000) errors.Add("budgetPerDay", "'budgetPerDay' must be more than 0 and at most 1,000,000 dollars.");
    }

    /// <summary>Every model of a chain is a chat model of the catalogue.</summary>
    public static void CheckChain(FieldErrors errors, IReadOnlyList<string> chain, IReadOnlyDictionary<string, ModelRecord> catalogue)
    {
        foreach (var key in chain)
        {
            if (!catalogue.TryGetValue(key, out var model)) errors.Add("models", $"There is no model '{key}' in the catalogue.");
            else if (model.Purpose != ModelPurposes.Chat) errors.Add("models", $"Model '{key}' is an {model.Purpose} model, not a chat model.");
        }
    }

    public static void CheckAgent(AgentDto agent)
    {
        if (agent.Kind != AiKind)
            throw WeftException.Rule("agent_not_ai", $"Agent '{agent.Key}' is of kind '{agent.Kind}'; only an agent of kind 'ai' gets a model chain.");
    }

    public static IReadOnlyList<string> ChainOf(AgentProfileRecord profile) => JsonSerializer.Deserialize<string[]>(profile.ModelChainJson) ?? [];

    public static string ChainJson(IReadOnlyList<string> models) => JsonSerializer.Serialize(models);

    public static IReadOnlyList<string> KnowledgeOf(AgentProfileRecord profile) => JsonSerializer.Deserialize<string[]>(profile.KnowledgeJson) ?? [];

    public static string KeysJson(IReadOnlyList<string> keys) => JsonSerializer.Serialize(keys);

    public static AgentProfileDto ToDto(this AgentProfileRecord p, AgentDto agent) =>
        new(p.Id, p.AgentKey, agent.Name, agent.Status, p.Description, ChainOf(p), p.Temperature, p.MaxOutputTokens, p.BudgetPerRun, p.BudgetPerDay,
            p.CreatedAt, p.UpdatedAt, p.Version, KnowledgeOf(p), p.MaxToolRounds);

    public static WeftException NotFound(string key) => WeftException.NotFound("ai_agent_not_found", $"Agent '{key}' has no AI profile.");
}
