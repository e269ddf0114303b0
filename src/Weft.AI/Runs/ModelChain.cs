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
            try
            {
                var response = await circuits.For(tenant, link.Provider)
                    .ExecuteAsync(async token => await CallAsync(link, messages, options, token), ct);
                var usage = UsageOf(response.Usage);
                attempts.Add(new CallAttempt(link.Model, link.Provider, CallOutcomes.Answered, null, clock.Elapsed, usage, link.Prices.CostOf(usage)));
                return new ChainAnswer(response, link, attempts);
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
                throw new ChainFailed(WeftException.Unavailable("provider_refused",
                    $"Provider '{link.Provider}' refused the call to '{link.Model}' ({refused.Reason}); check the provider's key and the model's name.",
                    new { attempts = Shown(attempts) }), attempts);
            }
        }
        throw new ChainFailed(WeftException.Unavailable("all_models_failed",
            $"No model of the chain answered: {string.Join("; ", attempts.Select(a => $"{a.Model} {a.Reason}"))}.",
            new { attempts = Shown(attempts) }), attempts);
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
            if (timeout.IsCancellationRequested) throw new ProviderCallFailed(CallOutcomes.Timeout, e);
            if (ProviderErrors.StatusOf(e) is { } status)
            {
                if (status == 429 || status >= 500) throw new ProviderCallFailed(CallOutcomes.Http(status), e);
                throw new ProviderRefused(CallOutcomes.Http(status), e);
            }
            if (ProviderErrors.IsTransient(e, ct)) throw new ProviderCallFailed(CallOutcomes.ConnectionFailed, e);
            throw;
        }
    }

    internal static TokenUsage UsageOf(UsageDetails? usage) =>
        usage is null ? TokenUsage.None : new TokenUsage(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0, usage.CachedInputTokenCount ?? 0);

    private static object[] Shown(IEnumerable<CallAttempt> attempts) =>
        [.. attempts.Select(a => new { model = a.Model, provider = a.Provider, outcome = a.Outcome, reason = a.Reason })];
}
