using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Weft.AI.Agents;
using Weft.AI.Knowledge;
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
internal sealed class AgentRuns(AiDb data, FlowEngines engines, ModelChain chain, ModelLinks modelLinks, PersonaVersions personas, KnowledgeSearch search,
    Threads threads, ILogger<AgentRuns> logger)
{
    public const int MaxInput = 32_000;

    /// <summary>Runs the agent and answers when it has answered (or no model has).</summary>
    public async Task<RunDto> RunAsync(long tenant, string? actor, string agentKey, RunRequest request, CancellationToken ct = default) =>
        await CompleteAsync(await PrepareAsync(tenant, actor, agentKey, request, null, ct), null, ct);

    /// <summary>How many chunks one search gives a run.</summary>
    public const int SourcesPerSearch = 5;

    /// <summary>
    /// Checks everything a run needs (the input, the agent, its chain, its persona's variables, its thread) and writes the
    /// run: what can be refused is refused here, before any model is asked or any answer has begun. The agent's knowledge
    /// is searched for the input and given as numbered sources.
    /// </summary>
    /// <param name="history">
    /// Messages before <see cref="RunRequest.Input"/> that the caller keeps (a chat client's earlier turns); null to run in
    /// a thread of Weft's own, <see cref="RunRequest.Thread"/> or a new one.
    /// </param>
    public async Task<PreparedRun> PrepareAsync(long tenant, string? actor, string agentKey, RunRequest request, IReadOnlyList<ChatMessage>? history,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Input) || request.Input.Length > MaxInput)
            throw FieldErrors.Of("input", $"'input' is required, at most {MaxInput:N0} characters.");
        if (history is not null && request.Thread is not null)
            throw FieldErrors.Of("thread", "A caller that sends the conversation's messages keeps the conversation; leave 'thread' out.");
        var agent = await engines.For(tenant).Agents.GetAgentAsync(agentKey, ct);
        AgentProfileRules.CheckAgent(agent);
        if (agent.Status != "available")
            throw WeftException.Conflict("agent_unavailable", $"Agent '{agentKey}' is {agent.Status}; make it available to run it.");
        var (profile, links, bases) = await ChainOfAsync(tenant, agentKey, ct);
        var persona = await personas.ForRunAsync(tenant, agentKey, request.Persona, ct);
        (long Id, IReadOnlyList<ChatMessage> Messages)? thread = history is null && request.Thread is { } threadId
            ? await threads.HistoryAsync(tenant, agentKey, threadId, ct)
            : null;
        List<ChatMessage> messages = [.. history ?? thread?.Messages ?? [], new ChatMessage(ChatRole.User, request.Input)];
        var instructions = new List<ChatMessage>();
        if (persona is { } p)
        {
            var (rendered, missing) = PersonaTemplate.Render(p.Instructions, request.Variables);
            if (missing.Count > 0)
                throw WeftException.Rule("persona_variables_missing",
                    $"The persona needs values for {string.Join(", ", missing.Select(m => "{{" + m + "}}"))}; give them in 'variables'.", new { missing });
            if (rendered.Length > 0) instructions.Add(new ChatMessage(ChatRole.System, rendered));
        }
        var sources = new List<RunSource>();
        var spent = new List<CallAttempt>();
        var canSearch = bases.Count > 0 && profile.MaxToolRounds > 0;
        if (bases.Count > 0)
        {
            await using var db = await data.OpenAsync(tenant, ct);
            var query = string.IsNullOrWhiteSpace(request.Query) ? request.Input : request.Query;
            var found = await search.SearchAsync(db, tenant, bases, query, SourcesPerSearch, spent, ct);
            sources.AddRange(found.Chunks.Select((c, i) => new RunSource(i + 1, c)));
            instructions.Add(new ChatMessage(ChatRole.System, RunSources.Context(sources, canSearch)));
        }
        messages.InsertRange(0, instructions);
        await RunBudgets.CheckDayAsync(data, tenant, profile, ct);
        var options = new ChatOptions
        {
            Temperature = (float?)profile.Temperature,
            MaxOutputTokens = RunBudgets.MaxOutputTokens(profile, links, messages),
            Tools = canSearch ? [RunSources.SearchTool] : null,
        };
        var run = await data.ChangeAsync(tenant, async db =>
        {
            long? threadOfRun = thread?.Id;
            if (history is null && threadOfRun is null)
            {
                var created = threads.Start(db, agentKey, request.Input, actor);
                await db.SaveChangesAsync(ct);
                threadOfRun = created.Id;
            }
            var row = new RunRecord
            {
                AgentKey = agentKey, State = RunStates.Running, Input = request.Input, Persona = persona?.Number, Actor = actor, StartedAt = data.Now,
                ThreadId = threadOfRun,
            };
            db.Runs.Add(row);
            await db.SaveChangesAsync(ct);
            return row;
        }, ct);
        return new PreparedRun(tenant, run.Id, agentKey, links, messages, options, run.ThreadId, request.Input, bases, sources,
            canSearch ? profile.MaxToolRounds : 0, profile.MaxOutputTokens, profile.BudgetPerRun, spent);
    }

    /// <summary>
    /// Asks the chain for a prepared run, streamed to <paramref name="onUpdate"/> when given, and records the answer (or why
    /// there is none) with every model tried. When the model asks to search the knowledge, the search runs and the model
    /// is asked again, up to the agent's tool rounds (the last round offers no tools, so it must answer) and within the
    /// run's budget. Raises the refusal when no model answered.
    /// </summary>
    public async Task<RunDto> CompleteAsync(PreparedRun run, Func<ChatResponseUpdate, Task>? onUpdate, CancellationToken ct)
    {
        using var span = AiTelemetry.StartRun(run.Tenant, run.Id, run.Agent, run.Thread);
        // The query's embeddings, when the agent's knowledge has vectors, are the run's first calls.
        var attempts = new List<CallAttempt>(run.Spent);
        WeftException? refusal = null;
        string? output = null;
        string? answeredBy = null;
        var rounds = 0;
        try
        {
            while (true)
            {
                var options = run.Options.Clone();
                if (rounds >= run.MaxToolRounds) options.Tools = null;
                if (rounds > 0) options.MaxOutputTokens = RunBudgets.MaxOutputTokens(run.MaxOutputTokens, run.BudgetPerRun - attempts.Sum(a => a.Cost), run.Links, run.Messages);
                var answer = onUpdate is null
                    ? await chain.AnswerAsync(run.Tenant, run.Links, run.Messages, options, ct)
                    : await chain.StreamAsync(run.Tenant, run.Links, run.Messages, options, onUpdate, ct);
                attempts.AddRange(answer.Attempts);
                var calls = answer.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                if (calls.Count == 0 || options.Tools is null)
                {
                    (output, answeredBy) = (answer.Response.Text, answer.AnsweredBy.Model);
                    break;
                }
                rounds++;
                if (run.BudgetPerRun is { } budget && attempts.Sum(a => a.Cost) >= budget)
                    throw WeftException.Rule("run_budget_spent",
                        string.Create(System.Globalization.CultureInfo.InvariantCulture,
                            $"The run spent its budget of {budget:0.######} dollars after {rounds} tool round(s), before the model answered."));
                foreach (var m in answer.Response.Messages) run.Messages.Add(m);
                foreach (var call in calls) run.Messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, await ToolAsync(run, call, attempts, ct))]));
            }
        }
        catch (ChainFailed failed)
        {
            attempts.AddRange(failed.Attempts);
            refusal = failed.Refusal;
        }
        catch (WeftException stopped)
        {
            // The budget ran out between rounds, or a knowledge search the model asked for could not be made.
            refusal = stopped;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller went away (a closed stream); the models' figures for the call it cut are not known.
            refusal = WeftException.Unavailable(RunStates.Cancelled, "The caller stopped waiting for the answer.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A run is never left "running" by a failure of Weft's own: it ends failed, with what it spent so far.
            logger.LogError(e, "AI run {Run} of agent {Agent} failed unexpectedly", run.Id, run.Agent);
            refusal = WeftException.Unavailable("run_error", "The run stopped on an unexpected error, which has been logged; ask again.");
        }

        var cited = RunSources.CitedIn(output);
        if (span is not null)
        {
            var spent = attempts.Aggregate(TokenUsage.None, (sum, a) => sum + a.Usage);
            span.SetTag("gen_ai.usage.input_tokens", spent.Input);
            span.SetTag("gen_ai.usage.output_tokens", spent.Output);
            span.SetTag("gen_ai.usage.cache_read.input_tokens", spent.CachedInput);
            span.SetTag("weft.ai.cost", (double)attempts.Sum(a => a.Cost));
            span.SetTag("weft.ai.tool_rounds", rounds);
            if (answeredBy is not null) span.SetTag("weft.ai.answered_by", answeredBy);
            if (refusal is not null)
            {
                span.SetTag("error.type", refusal.Code);
                span.SetStatus(System.Diagnostics.ActivityStatusCode.Error, refusal.Message);
            }
        }
        // The caller may have gone (a closed stream): what was spent is recorded all the same.
        await data.ChangeAsync(run.Tenant, async db =>
        {
            var row = await db.Runs.FirstAsync(r => r.Id == run.Id, CancellationToken.None);
            var usage = attempts.Aggregate(TokenUsage.None, (sum, a) => sum + a.Usage);
            row.State = refusal is null ? RunStates.Answered : RunStates.Failed;
            row.Output = output;
            row.AnsweredBy = answeredBy;
            row.ToolRounds = rounds;
            (row.InputTokens, row.OutputTokens, row.CachedInputTokens) = (usage.Input, usage.Output, usage.CachedInput);
            row.Cost = attempts.Sum(a => a.Cost);
            (row.ErrorCode, row.Error) = (refusal?.Code, refusal?.Message);
            row.EndedAt = data.Now;
            var sequence = 0;
            foreach (var a in attempts)
            {
                db.Calls.Add(new CallRecord
                {
                    RunId = row.Id, At = row.StartedAt, Sequence = ++sequence, Model = a.Model, Provider = a.Provider, Outcome = a.Outcome, Reason = a.Reason,
                    DurationMs = a.Duration.TotalMilliseconds, InputTokens = a.Usage.Input, OutputTokens = a.Usage.Output,
                    CachedInputTokens = a.Usage.CachedInput, Cost = a.Cost,
                });
            }
            foreach (var s in run.Sources)
            {
                db.RunSources.Add(new RunSourceRecord
                {
                    RunId = row.Id, Rank = s.Rank, ChunkId = s.Chunk.ChunkId, DocumentId = s.Chunk.DocumentId, Base = s.Chunk.Base, Document = s.Chunk.Document,
                    Heading = s.Chunk.Heading, Text = s.Chunk.Text, Score = s.Chunk.Score, Cited = cited.Contains(s.Rank),
                });
            }
            if (refusal is null && run.Thread is { } thread) await threads.AppendAsync(db, thread, run.Id, run.Input, output ?? "", CancellationToken.None);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }, CancellationToken.None);
        ct.ThrowIfCancellationRequested();
        if (refusal is not null) throw refusal;
        return await GetAsync(run.Tenant, run.Id, CancellationToken.None);
    }

    /// <summary>Runs one tool call the model made: a knowledge search whose new sources continue the run's numbering.</summary>
    private async Task<string> ToolAsync(PreparedRun run, FunctionCallContent call, List<CallAttempt> attempts, CancellationToken ct)
    {
        if (call.Name != RunSources.ToolName) return $"There is no tool '{call.Name}'; the one tool is {RunSources.ToolName}.";
        var query = call.Arguments?.TryGetValue("query", out var value) == true ? value?.ToString()?.Trim() : null;
        if (string.IsNullOrEmpty(query) || query.Length > KnowledgeRules.MaxQuery)
            return $"Give {RunSources.ToolName} a 'query' of 1-{KnowledgeRules.MaxQuery} characters.";
        await using var db = await data.OpenAsync(run.Tenant, ct);
        var found = await search.SearchAsync(db, run.Tenant, run.Bases, query, SourcesPerSearch, attempts, ct);
        var known = run.Sources.ToDictionary(s => s.Chunk.ChunkId);
        var listed = new List<RunSource>();
        foreach (var chunk in found.Chunks)
        {
            if (!known.TryGetValue(chunk.ChunkId, out var source))
            {
                source = new RunSource(run.Sources.Count + 1, chunk);
                run.Sources.Add(source);
                known[chunk.ChunkId] = source;
            }
            listed.Add(source);
        }
        return listed.Count == 0 ? $"Nothing in the knowledge bases matches '{query}'." : RunSources.Listed(listed);
    }

    public async Task<RunDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw WeftException.NotFound("run_not_found", $"Run {id} does not exist.");
        var calls = await db.Calls.AsNoTracking().Where(c => c.RunId == id).OrderBy(c => c.Sequence).ToListAsync(ct);
        var sources = await db.RunSources.AsNoTracking().Where(s => s.RunId == id).OrderBy(s => s.Rank).ToListAsync(ct);
        return ToDto(run, calls, sources);
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
        var calls = (await db.Calls.AsNoTracking().Where(c => c.RunId != null && ids.Contains(c.RunId.Value)).ToListAsync(ct)).ToLookup(c => c.RunId!.Value);
        return PageCursor.Of(rows, take, r => r.Id, r => ToDto(r, calls[r.Id].OrderBy(c => c.Sequence).ToList(), []));
    }

    /// <summary>The agent's chain as links to call: each model with its provider (named, else the first of its kind) and key.</summary>
    private async Task<(AgentProfileRecord Profile, List<ChainLink> Links, List<KnowledgeBaseRecord> Bases)> ChainOfAsync(long tenant, string agentKey,
        CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var profile = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.AgentKey == agentKey, ct) ?? throw AgentProfileRules.NotFound(agentKey);
        var (links, missing) = await modelLinks.ResolveAsync(db, tenant, AgentProfileRules.ChainOf(profile), ct);
        if (links.Count == 0)
            throw WeftException.Rule("no_model_available", $"Agent '{agentKey}' has no model it can call: {string.Join("; ", missing)}.");
        var baseKeys = AgentProfileRules.KnowledgeOf(profile);
        var bases = baseKeys.Count == 0 ? [] : await db.KnowledgeBases.AsNoTracking().Where(b => baseKeys.Contains(b.Key)).OrderBy(b => b.Id).ToListAsync(ct);
        return (profile, links, bases);
    }

    /// <summary>A run as shown; a list leaves its sources out (the run's own page has them).</summary>
    private static RunDto ToDto(RunRecord r, IReadOnlyList<CallRecord> calls, IReadOnlyList<RunSourceRecord> sources) =>
        new(r.Id, r.AgentKey, r.State, r.Input, r.Persona, r.Output, r.AnsweredBy, new TokenUsage(r.InputTokens, r.OutputTokens, r.CachedInputTokens), r.Cost,
            r.ErrorCode, r.Error, r.Actor, r.StartedAt, r.EndedAt,
            [.. calls.Select(c => new CallDto(c.Model, c.Provider, c.Outcome, c.Reason, c.DurationMs,
                new TokenUsage(c.InputTokens, c.OutputTokens, c.CachedInputTokens), c.Cost))],
            r.ThreadId, r.ToolRounds,
            [.. sources.Select(s => new RunSourceDto(s.Rank, s.ChunkId, s.DocumentId, s.Base, s.Document, s.Heading, s.Text, s.Score, s.Cited))]);
}
