using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;

namespace Weft.AI.Runs;

/// <summary>
/// A circuit breaker per tenant and provider: after half of at least <see cref="MinimumCalls"/> calls in
/// <see cref="Window"/> failed for a reason that moves a chain on (timeout, 429, 5xx, refused connection), the provider
/// is not called for <see cref="BreakFor"/>; then one call tries it again, and closes the circuit if it answers.
/// </summary>
internal sealed class ProviderCircuits(TimeProvider clock)
{
    public const int MinimumCalls = 3;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan BreakFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(long Tenant, string Provider), ResiliencePipeline> circuits = new();

    public ResiliencePipeline For(long tenant, string provider) =>
        circuits.GetOrAdd((tenant, provider), _ => new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = MinimumCalls,
                SamplingDuration = Window,
                BreakDuration = BreakFor,
                ShouldHandle = new PredicateBuilder().Handle<ProviderCallFailed>(),
            })
            .Build());
}
