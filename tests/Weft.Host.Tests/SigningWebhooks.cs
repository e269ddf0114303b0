using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Weft.Platform.Webhooks;

namespace Weft.Host.Tests;

/// <summary>The signature, the retry schedule and the address rule of webhooks, without a host.</summary>
public sealed class SigningWebhooks
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_signature_is_the_hmac_of_the_timestamp_and_the_body_keyed_with_the_secret()
    {
        var header = WebhookSignature.Create("whsec_test", """{"a":1}""", At);

        var t = At.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("whsec_test"), Encoding.UTF8.GetBytes($"{t}.{{\"a\":1}}")));
        header.ShouldBe($"t={t},v1={expected}");
    }

    [Fact]
    public void A_signature_verifies_with_its_secret_body_and_a_recent_time_only()
    {
        const string body = """{"id":"evt_1"}""";
        var header = WebhookSignature.Create("whsec_a", body, At);

        WebhookSignature.Verify("whsec_a", header, body, At.AddSeconds(30), TimeSpan.FromMinutes(5)).ShouldBeTrue();
        WebhookSignature.Verify("whsec_b", header, body, At, TimeSpan.FromMinutes(5)).ShouldBeFalse("another secret");
        WebhookSignature.Verify("whsec_a", header, body + " ", At, TimeSpan.FromMinutes(5)).ShouldBeFalse("another body");
        WebhookSignature.Verify("whsec_a", header, body, At.AddMinutes(6), TimeSpan.FromMinutes(5)).ShouldBeFalse("too old: a replay");
        WebhookSignature.Verify("whsec_a", "v1=abc", body, At, TimeSpan.FromMinutes(5)).ShouldBeFalse("no timestamp");
        WebhookSignature.Verify("whsec_a", $"t=x,{header[(header.IndexOf(',') + 1)..]}", body, At, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        // While a receiver rolls secrets, any v1 may match.
        var v1 = header[(header.IndexOf("v1=", StringComparison.Ordinal) + 3)..];
        WebhookSignature.Verify("whsec_a", $"t={At.ToUnixTimeSeconds()},v1=00,v1={v1}", body, At, TimeSpan.FromMinutes(5)).ShouldBeTrue();
    }

    [Fact]
    public void Secrets_are_new_each_time()
    {
        var a = WebhookSignature.NewSecret();
        a.ShouldStartWith("whsec_");
        a.Length.ShouldBe(6 + 64);
        WebhookSignature.NewSecret().ShouldNotBe(a);
    }

    [Fact]
    public void The_backoff_doubles_from_the_first_retry_up_to_the_longest_with_at_most_a_quarter_of_jitter()
    {
        var options = WebhookOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Weft:Webhooks:FirstRetrySeconds"] = "30", ["Weft:Webhooks:LongestRetryMinutes"] = "60",
        }).Build());

        Enumerable.Range(1, 9).Select(n => options.Backoff(n, 0).TotalSeconds).ShouldBe([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        options.Backoff(1, 0.999).TotalSeconds.ShouldBeInRange(37.4, 37.5);
        options.Backoff(100, 1).ShouldBe(TimeSpan.FromMinutes(75));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.5", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", false)]
    public void Private_loopback_and_link_local_addresses_are_refused(string address, bool refused) =>
        WebhookAddresses.IsPrivate(IPAddress.Parse(address)).ShouldBe(refused);

    [Fact]
    public void Urls_are_absolute_http_and_outside_unless_private_networks_are_allowed()
    {
        WebhookAddresses.ProblemWith("https://hooks.example.com/x", allowPrivate: false).ShouldBeNull();
        WebhookAddresses.ProblemWith("http://127.0.0.1:5000/x", allowPrivate: false).ShouldNotBeNull();
        WebhookAddresses.ProblemWith("http://127.0.0.1:5000/x", allowPrivate: true).ShouldBeNull();
        WebhookAddresses.ProblemWith("http://user:pw@example.com/x", allowPrivate: true).ShouldNotBeNull();
        WebhookAddresses.ProblemWith("file:///etc/passwd", allowPrivate: true).ShouldNotBeNull();
        WebhookAddresses.ProblemWith("", allowPrivate: true).ShouldNotBeNull();
    }
}
