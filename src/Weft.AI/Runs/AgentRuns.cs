using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Weft.AI.Agents;
using Weft.AI.Persistence;
using Weft.AI.Personas;
using Weft.AI.Providers;
using Weft.Flow;
using Weft.Flow.Contracts;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.AI.Runs;

/// <summary>
/// Runs an AI agent on an input: the run is written first (so it is seen while the models think), the chain is asked
/// outside any transaction, and the answer (or why no model answered) is written with every model tried.
/// </summary>
internal sealed class AgentRuns(AiDb data, FlowEngines engines, ModelChain chain, ProviderSecrets secrets, PersonaVersions personas)
{
    public const int MaxInput = 32_000;

    /// <summary>Runs the agent and answers when it has answered (or no model has).</summary>
    public async Task<RunDto> RunAsync(long tenant, string? actor, string agentKey, RunRequest request, CancellationToken ct = default) =>
        await CompleteAsync(await PrepareAsync(tenant, actor, agentKey, request, [], ct), null, ct);

    /// <summary>
    /// Checks everything a run needs (the input, the agent, its chain, its persona's variables) and writes the run: what
    /// can be refused is refused here, before any model is asked or any answer has begun.
    /// </summary>
    /// <param name="history">Messages of the conversation before <see cref="RunRequest.Input"/> (a chat client's earlier turns).</param>
    public async Task<PreparedRun> PrepareAsync(long tenant, string? actor, string agentKey, RunRequest request, IReadOnlyList<ChatMessage> history,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Input) || request.Input.Length > MaxInput)
            throw WeftException.Invalid("validation_failed", "The request has invalid fields.",
                new Dictionary<string, string[]> { ["input"] = [$"'input' is required, at most {MaxInput:N0} characters."] });
        var agent = await engines.For(tenant).Agents.GetAgentAsync(agentKey, ct);
        AgentProfileRules.CheckAgent(agent);
        if (agent.Status != "available")
            throw WeftException.Conflict("agent_unavailable", $"Agent '{agentKey}' is {agent.Status}; make it available to run it.");
        var (profile, links) = await ChainOfAsync(tenant, agentKey, ct);
        var persona = await personas.ForRunAsync(tenant, agentKey, request.Persona, ct);
        List<ChatMessage> messages = [.. history, new ChatMessage(ChatRole.User, request.Input)];
        if (persona is { } p)
        {
            var (instructions, missing) = PersonaTemplate.Render(p.Instructions, request.Variables);
            if (missing.Count > 0)
                throw WeftException.Rule("persona_variables_missing",
                    $"The persona needs values for {string.Join(", ", missing.Select(m => "{{" + m + "}}"))}; give them in 'variables'.", new { missing });
            if (instructions.Length > 0) messages.Insert(0, new ChatMessage(ChatRole.System, instructions));
        }
        await RunBudgets.CheckDayAsync(data, tenant, profile, ct);
        var options = new ChatOptions
        {
            Temperature = (float?)profile.Temperature,
            MaxOutputTokens = RunBudgets.MaxOutputTokens(profile, links, messages),
        };
        var run = await data.ChangeAsync(tenant, async db =>
        {
            var row = new RunRecord
            {
                AgentKey = agentKey, State = RunStates.Running, Input = request.Input, Persona = persona?.Number, Actor = actor, StartedAt = data.Now,
            };
            db.Runs.Add(row);
            await db.SaveChangesAsync(ct);
            return row;
        }, ct);
        return new PreparedRun(tenant, run.Id, agentKey, links, messages, options);
    }

    /// <summary>
    /// Asks the chain for a prepared run, streamed to <paramref name="onUpdate"/> when given, and records the answer (or why
    /// there is none) with every model tried. Raises the refusal when no model answered.
    /// </summary>
    public async Task<RunDto> CompleteAsync(PreparedRun run, Func<ChatResponseUpdate, Task>? onUpdate, CancellationToken ct)
    {
        IReadOnlyList<CallAttempt> attempts;
        WeftException? refusal = null;
        string? output = null;
        string? answeredBy = null;
        try
        {
            var answer = onUpdate is null
                ? await chain.AnswerAsync(run.Tenant, run.Links, run.Messages, run.Options, ct)
                : await chain.StreamAsync(run.Tenant, run.Links, run.Messages, run.Options, onUpdate, ct);
            (attempts, output, answeredBy) = (answer.Attempts, answer.Response.Text, answer.AnsweredBy.Model);
        }
        catch (ChainFailed failed)
        {
            (attempts, refusal) = (failed.Attempts, failed.Refusal);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller went away (a closed stream); the models' figures for the call it cut are not known.
            (attempts, refusal) = ([], WeftException.Unavailable(RunStates.Cancelled, "The caller stopped waiting for the answer."));
        }

        // The caller may have gone (a closed stream): what was spent is recorded all the same.
        await data.ChangeAsync(run.Tenant, async db =>
        {
            var row = await db.Runs.FirstAsync(r => r.Id == run.Id, CancellationToken.None);
            var usage = attempts.Aggregate(TokenUsage.None, (sum, a) => sum + a.Usage);
            row.State = refusal is null ? RunStates.Answered : RunStates.Failed;
            row.Output = output;
            row.AnsweredBy = answeredBy;
            (row.InputTokens, row.OutputTokens, row.CachedInputTokens) = (usage.Input, usage.Output, usage.CachedInput);
            row.Cost = attempts.Sum(a => a.Cost);
            (row.ErrorCode, row.Error) = (refusal?.Code, refusal?.Message);
            row.EndedAt = data.Now;
            var sequence = 0;
            foreach (var a in attempts)
            {
                db.Calls.Add(new CallRecord
                {
                    RunId = row.Id, Sequence = ++sequence, Model = a.Model, Provider = a.Provider, Outcome = a.Outcome, Reason = a.Reason,
                    DurationMs = a.Duration.TotalMilliseconds, InputTokens = a.Usage.Input, OutputTokens = a.Usage.Output,
                    CachedInputTokens = a.Usage.CachedInput, Cost = a.Cost,
                });
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }, CancellationToken.None);
        ct.ThrowIfCancellationRequested();
        if (refusal is not null) throw refusal;
        return await GetAsync(run.Tenant, run.Id, CancellationToken.None);
    }

    public async Task<RunDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw WeftException.NotFound("run_not_found", $"Run {id} does not exist.");
        var calls = await db.Calls.AsNoTracking().Where(c => c.RunId == id).OrderBy(c => c.Sequence).ToListAsync(ct);
        return ToDto(run, calls);
    }

    public Task<Page<RunDto>> ListAsync(long tenant, string? agent, int? limit, string? cursor, CancellationToken ct = default) =>
        ListAsync(tenant, new RunFilter(agent), limit, cursor, ct);

    public async Task<Page<RunDto>> ListAsync(long tenant, RunFilter filter, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        filter.Check();
        await using var db = await data.OpenAsync(tenant, ct);
        // Newest first: the cursor is the last id seen, and the next page holds older runs.
        var q = db.Runs.AsNoTracking().Where(r => after == 0 || r.Id < after);
        if (filter.Agent is { } agent) q = q.Where(r => r.AgentKey == agent);
        if (filter.State is { } state) q = q.Where(r => r.State == state);
        if (filter.StartsAt is { } start) q = q.Where(r => r.StartedAt >= start);
        if (filter.EndsBefore is { } end) q = q.Where(r => r.StartedAt < end);
        var rows = await q.OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var calls = (await db.Calls.AsNoTracking().Where(c => ids.Contains(c.RunId)).ToListAsync(ct)).ToLookup(c => c.RunId);
        return PageCursor.Of(rows, take, r => r.Id, r => ToDto(r, calls[r.Id].OrderBy(c => c.Sequence).ToList()));
    }

    /// <summary>The agent's chain as links to call: each model with its provider (named, else the first of its kind) and key.</summary>
    private async Task<(AgentProfileRecord Profile, List<ChainLink> Links)> ChainOfAsync(long tenant, string agentKey, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var profile = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.AgentKey == agentKey, ct) ?? throw AgentProfileRules.NotFound(agentKey);
        var keys = AgentProfileRules.ChainOf(profile);
        var models = await db.Models.AsNoTracking().Where(m => keys.Contains(m.Key)).ToDictionaryAsync(m => m.Key, StringComparer.Ordinal, ct);
        var providers = await db.Providers.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var links = new List<ChainLink>();
        var missing = new List<string>();
        foreach (var key in keys)
        {
            var provider = models.TryGetValue(key, out var model)
                ? model.Provider is { } named ? providers.Find(p => p.Key == named) : providers.Find(p => p.Kind == model.Kind)
                : null;
            if (model is null || provider is null)
            {
                missing.Add(model is null ? $"'{key}' is no longer in the catalogue" : $"no provider of kind '{model.Kind}' serves '{key}'");
                continue;
            }
            var apiKey = provider.ApiKeyProtected is { } stored ? secrets.Unprotect(tenant, stored) : null;
            var baseUrl = provider.BaseUrl is { } url ? new Uri(url) : null;
            links.Add(new ChainLink(model.Key, provider.Key, new ProviderConnection(provider.Kind, baseUrl, apiKey), model.ProviderModel,
                new ModelPrices(model.InputPrice, model.OutputPrice, model.CachedInputPrice), TimeSpan.FromSeconds(provider.TimeoutSeconds)));
        }
        if (links.Count == 0)
            throw WeftException.Rule("no_model_available", $"Agent '{agentKey}' has no model it can call: {string.Join("; ", missing)}.");
        return (profile, links);
    }

    private static RunDto ToDto(RunRecord r, IReadOnlyList<CallRecord> calls) =>
        new(r.Id, r.AgentKey, r.State, r.Input, r.Persona, r.Output, r.AnsweredBy, new TokenUsage(r.InputTokens, r.OutputTokens, r.CachedInputTokens), r.Cost,
            r.ErrorCode, r.Error, r.Actor, r.StartedAt, r.EndedAt,
            [.. calls.Select(c => new CallDto(c.Model, c.Provider, c.Outcome, c.Reason, c.DurationMs,
                new TokenUsage(c.InputTokens, c.OutputTokens, c.CachedInputTokens), c.Cost))]);
}
