using System.Diagnostics;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;
using Weft.AI.Providers;
using Weft.AI.Providers.Clients;
using Weft.Platform.Errors;

namespace Weft.AI.Runs;

/// <summary>
/// Asks the models of a chain in turn until one answers. A timeout, a 429, a 5xx or a failed connection moves to the
/// next model and counts against the provider's circuit (<see cref="ProviderCircuits"/>); a provider whose circuit is
/// open is skipped without a call. Any other refusal (a bad key, a malformed request) ends the run: the next model
/// would not make it right. Every model tried is recorded with why it did not answer.
/// </summary>
internal sealed class ModelChain(ProviderCircuits circuits, IHttpClientFactory httpClients)
{
    /// <summary>The named HttpClient provider calls go through (no timeout of its own: each call has its provider's).</summary>
    public const string HttpClientName = "Weft.AI.Providers";

    public async Task<ChainAnswer> AnswerAsync(long tenant, IReadOnlyList<ChainLink> chain, IList<ChatMessage> messages, ChatOptions? options,
        CancellationToken ct)
    {
        if (chain.Count == 0) throw WeftException.Rule("no_models", "The model chain is empty.");
        var attempts = new List<CallAttempt>();
        foreach (var link in chain)
        {
            var clock = Stopwatch.StartNew();
            var response = await TryAsync(tenant, link, attempts, clock, token => CallAsync(link, messages, options, token), ct);
            if (response is null) continue;
            var usage = UsageOf(response.Usage);
            attempts.Add(new CallAttempt(link.Model, link.Provider, CallOutcomes.Answered, null, clock.Elapsed, usage, link.Prices.CostOf(usage)));
            return new ChainAnswer(response, link, attempts);
        }
        throw Exhausted(attempts);
    }

    /// <summary>
    /// As <see cref="AnswerAsync"/>, streamed: each piece of the answer goes to <paramref name="onUpdate"/> as it comes. The
    /// chain moves on only until the first piece arrives (the provider's timeout bounds the wait for it); once a model
    /// has begun to answer, a failure ends the run.
    /// </summary>
    public async Task<ChainAnswer> StreamAsync(long tenant, IReadOnlyList<ChainLink> chain, IList<ChatMessage> messages, ChatOptions? options,
        Func<ChatResponseUpdate, Task> onUpdate, CancellationToken ct)
    {
        if (chain.Count == 0) throw WeftException.Rule("no_models", "The model chain is empty.");
        var attempts = new List<CallAttempt>();
        foreach (var link in chain)
        {
            var clock = Stopwatch.StartNew();
            var stream = await TryAsync(tenant, link, attempts, clock, token => OpenStreamAsync(link, messages, options, token), ct);
            if (stream is null) continue;
            await using (stream)
            {
                var updates = new List<ChatResponseUpdate>();
                try
                {
                    for (var update = stream.First; update is not null; update = await stream.NextAsync())
                    {
                        updates.Add(update);
                        await onUpdate(update);
                    }
                }
                catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
                {
                    var partial = UsageOf(updates.ToChatResponse().Usage);
                    attempts.Add(new CallAttempt(link.Model, link.Provider, CallOutcomes.Failed, CallOutcomes.StreamBroken, clock.Elapsed, partial,
                        link.Prices.CostOf(partial)));
                    throw new ChainFailed(WeftException.Unavailable(CallOutcomes.StreamBroken,
                        $"'{link.Model}' stopped in the middle of its answer; ask again.", new { attempts = Shown(attempts) }), attempts);
                }
                var response = updates.ToChatResponse();
                var usage = UsageOf(response.Usage);
                attempts.Add(new CallAttempt(link.Model, link.Provider, CallOutcomes.Answered, null, clock.Elapsed, usage, link.Prices.CostOf(usage)));
                return new ChainAnswer(response, link, attempts);
            }
        }
        throw Exhausted(attempts);
    }

    /// <summary>
    /// Calls one model of the chain through its provider's circuit; null when the chain should move on (the circuit is
    /// open, or the call failed for a reason another model may mend), each recorded in <paramref name="attempts"/>.
    /// A refusal another model would not mend ends the chain.
    /// </summary>
    private async Task<T?> TryAsync<T>(long tenant, ChainLink link, List<CallAttempt> attempts, Stopwatch clock, Func<CancellationToken, Task<T>> call,
        CancellationToken ct) where T : class
    {
        try
        {
            return await circuits.For(tenant, link.Provider).ExecuteAsync(async token => await call(token), ct);
        }
        catch (BrokenCircuitException)
        {
            attempts.Add(new CallAttempt(link.Model, link.Provider, CallOutcomes.Skipped, CallOutcomes.CircuitOpen, TimeSpan.Zero, TokenUsage.None, 0m));
        }
        catch (ProviderCallFailed failed)
        {
            attempts.Add(new CallAttempt(link.Model, link.Provider, CallOutcomes.Failed, failed.Reason, clock.Elapsed, TokenUsage.None, 0m));
        }
        catch (ProviderRefused refused)
        {
            attempts.Add(new CallAttempt(link.Model, link.Provider, CallOutcomes.Failed, refused.Reason, clock.Elapsed, TokenUsage.None, 0m));
            throw Refused(link, refused, attempts);
        }
        return null;
    }

    /// <summary>Starts a streamed call and waits, within the provider's timeout, for its first piece.</summary>
    private async Task<OpenStream> OpenStreamAsync(ChainLink link, IList<ChatMessage> messages, ChatOptions? options, CancellationToken ct)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(link.Timeout);
        var http = httpClients.CreateClient(HttpClientName);
        var client = ChatClients.Create(link.Connection, link.ProviderModel, http);
        var stream = new OpenStream(timeout, http, client, client.GetStreamingResponseAsync(messages, options, timeout.Token).GetAsyncEnumerator(timeout.Token));
        try
        {
            await stream.StartAsync();
            // Begun: from here the run's own cancellation bounds it, not the wait for a first piece.
            timeout.CancelAfter(Timeout.InfiniteTimeSpan);
            return stream;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await stream.DisposeAsync();
            throw Classified(e, timeout.IsCancellationRequested, ct);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private async Task<ChatResponse> CallAsync(ChainLink link, IList<ChatMessage> messages, ChatOptions? options, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(link.Timeout);
        using var http = httpClients.CreateClient(HttpClientName);
        using var client = ChatClients.Create(link.Connection, link.ProviderModel, http);
        try
        {
            return await client.GetResponseAsync(messages, options, timeout.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            throw Classified(e, timeout.IsCancellationRequested, ct);
        }
    }

    /// <summary>
    /// Turns texts into vectors with an embeddings model, through its provider's circuit and timeout. There is no chain
    /// to fall back on (vectors of another model would not compare), so a failure is the caller's to report.
    /// </summary>
    public async Task<(IReadOnlyList<float[]> Vectors, TokenUsage Usage)> EmbedAsync(long tenant, ChainLink link, IReadOnlyList<string> texts,
        CancellationToken ct)
    {
        try
        {
            return await circuits.For(tenant, link.Provider).ExecuteAsync(async token =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(link.Timeout);
                using var http = httpClients.CreateClient(HttpClientName);
                using var generator = ChatClients.CreateEmbeddings(link.Connection, link.ProviderModel, http);
                try
                {
                    var embeddings = await generator.GenerateAsync(texts, cancellationToken: timeout.Token);
                    if (embeddings.Count != texts.Count)
                        throw new ProviderRefused("wrong_count", new InvalidOperationException($"{embeddings.Count} vectors for {texts.Count} texts."));
                    var usage = new TokenUsage(embeddings.Usage?.InputTokenCount ?? 0, 0, 0);
                    return ((IReadOnlyList<float[]>)[.. embeddings.Select(e => e.Vector.ToArray())], usage);
                }
                catch (Exception e) when (!token.IsCancellationRequested && e is not ProviderRefused)
                {
                    throw Classified(e, timeout.IsCancellationRequested, token);
                }
            }, ct);
        }
        catch (Exception e) when (e is BrokenCircuitException or ProviderCallFailed or ProviderRefused)
        {
            var reason = e switch { ProviderCallFailed f => f.Reason, ProviderRefused r => r.Reason, _ => CallOutcomes.CircuitOpen };
            throw WeftException.Unavailable("embeddings_failed",
                $"The embeddings model '{link.Model}' of provider '{link.Provider}' did not answer ({reason}); nothing was changed. Try again, or check the provider.");
        }
    }

    /// <summary>As <see cref="EmbedAsync"/>, and what the call spent, as a call of <paramref name="link"/>'s model.</summary>
    public async Task<(IReadOnlyList<float[]> Vectors, CallAttempt Spent)> EmbedCostedAsync(long tenant, ChainLink link, IReadOnlyList<string> texts,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var (vectors, usage) = await EmbedAsync(tenant, link, texts, ct);
        return (vectors, new CallAttempt(link.Model, link.Provider, CallOutcomes.Answered, null, clock.Elapsed, usage, link.Prices.CostOf(usage)));
    }

    /// <summary>What a failed call means for the chain: move on (<see cref="ProviderCallFailed"/>), stop (<see cref="ProviderRefused"/>), or the error itself.</summary>
    private static Exception Classified(Exception e, bool timedOut, CancellationToken ct)
    {
        if (timedOut) return new ProviderCallFailed(CallOutcomes.Timeout, e);
        if (ProviderErrors.StatusOf(e) is { } status)
            return status == 429 || status >= 500 ? new ProviderCallFailed(CallOutcomes.Http(status), e) : new ProviderRefused(CallOutcomes.Http(status), e);
        if (ProviderErrors.IsTransient(e, ct)) return new ProviderCallFailed(CallOutcomes.ConnectionFailed, e);
        // Whatever else the client raised (an answer it could not read, a provider it could not set up) is that provider's
        // failure: another model may answer, and the run records why this one did not.
        return e is OperationCanceledException ? e : new ProviderCallFailed(CallOutcomes.BadResponse, e);
    }

    private static ChainFailed Refused(ChainLink link, ProviderRefused refused, List<CallAttempt> attempts) =>
        new(WeftException.Unavailable("provider_refused",
            $"Provider '{link.Provider}' refused the call to '{link.Model}' ({refused.Reason}); check the provider's key and the model's name.",
            new { attempts = Shown(attempts) }), attempts);

    private static ChainFailed Exhausted(List<CallAttempt> attempts) =>
        new(WeftException.Unavailable("all_models_failed",
            $"No model of the chain answered: {string.Join("; ", attempts.Select(a => $"{a.Model} {a.Reason}"))}.",
            new { attempts = Shown(attempts) }), attempts);

    internal static TokenUsage UsageOf(UsageDetails? usage) =>
        usage is null ? TokenUsage.None : new TokenUsage(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0, usage.CachedInputTokenCount ?? 0);

    private static object[] Shown(IEnumerable<CallAttempt> attempts) =>
        [.. attempts.Select(a => new { model = a.Model, provider = a.Provider, outcome = a.Outcome, reason = a.Reason })];
}
