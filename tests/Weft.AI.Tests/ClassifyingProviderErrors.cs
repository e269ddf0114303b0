using System.Net;
using System.Net.Sockets;
using Weft.AI.Providers.Clients;

namespace Weft.AI.Tests;

public sealed class ClassifyingProviderErrors
{
    [Fact]
    public void A_status_is_found_however_deep_it_is_wrapped()
    {
        var wrapped = new AggregateException(new InvalidOperationException("outer", new HttpRequestException("inner", null, HttpStatusCode.BadGateway)));

        ProviderErrors.StatusOf(wrapped).ShouldBe(502);
        ProviderErrors.IsTransient(wrapped).ShouldBeTrue();
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Only_timeouts_rate_limits_and_server_errors_are_worth_another_try(HttpStatusCode status, bool transient) =>
        ProviderErrors.IsTransient(new HttpRequestException("answered", null, status)).ShouldBe(transient);

    [Fact]
    public void A_cancellation_the_caller_asked_for_is_never_transient()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();

        ProviderErrors.IsTransient(new TaskCanceledException("gone", new TimeoutException()), caller.Token).ShouldBeFalse();
        ProviderErrors.IsTransient(new HttpRequestException("busy", null, HttpStatusCode.TooManyRequests), caller.Token).ShouldBeFalse();
    }

    [Fact]
    public void A_cancellation_the_callers_token_did_not_cause_is_a_timeout()
    {
        using var caller = new CancellationTokenSource();

        ProviderErrors.IsTransient(new OperationCanceledException(), caller.Token).ShouldBeTrue();
        ProviderErrors.IsTransient(new OperationCanceledException()).ShouldBeFalse();
        ProviderErrors.IsTransient(new TaskCanceledException("timed out", new TimeoutException())).ShouldBeTrue();
    }

    [Fact]
    public void A_connection_that_failed_is_transient()
    {
        ProviderErrors.IsTransient(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))).ShouldBeTrue();
        ProviderErrors.IsTransient(new IOException("reset mid-stream")).ShouldBeTrue();
    }

    [Fact]
    public void A_mistake_of_our_own_is_not_transient()
    {
        var mistake = new InvalidOperationException("bad tool result");

        ProviderErrors.StatusOf(mistake).ShouldBeNull();
        ProviderErrors.IsTransient(mistake).ShouldBeFalse();
    }
}
