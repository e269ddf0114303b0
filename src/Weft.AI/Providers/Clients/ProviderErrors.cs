using System.ClientModel;
using System.Net.Sockets;
using Anthropic.Exceptions;

namespace Weft.AI.Providers.Clients;

/// <summary>Reads what went wrong with a provider call out of whatever its SDK threw.</summary>
internal static class ProviderErrors
{
    /// <summary>The HTTP status the provider answered with, if it answered at all.</summary>
    public static int? StatusOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case HttpRequestException { StatusCode: { } status }:
                    return (int)status;
                case ClientResultException { Status: > 0 } result:
                    return result.Status;
                case AnthropicApiException api:
                    return (int)api.StatusCode;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether another attempt, here or at another provider, could succeed: 408, 429 and 5xx answers, timeouts,
    /// and connections that failed or broke. Pass the token the call was made with: a cancellation it did not
    /// cause is a timeout, while one it did cause is never transient. Without it, a cancellation counts as a
    /// timeout only when it carries a <see cref="TimeoutException"/> (as HttpClient.Timeout does).
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken callerToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (callerToken.IsCancellationRequested) return false;
        if (StatusOf(exception) is { } status) return status is 408 or 429 or >= 500;
        var chain = Chain(exception).ToList();
        if (chain.Any(e => e is TimeoutException)) return true;
        // A cancelled request also carries the aborted socket's IOException; the cancellation is what counts.
        if (chain.Any(e => e is OperationCanceledException)) return callerToken.CanBeCanceled;
        return chain.Any(e => e is SocketException or HttpRequestException or IOException or AnthropicIOException);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            }
            // Read through Exception: AnthropicApiException hides InnerException with a property that throws when it is null.
            else if (((Exception)e).InnerException is { } next)
            {
                pending.Push(next);
            }
        }
    }
}
