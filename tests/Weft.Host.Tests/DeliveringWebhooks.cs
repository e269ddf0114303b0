using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Host.Tests.Infrastructure;
using Weft.Platform;
using Weft.Platform.Events;
using Weft.Platform.Webhooks;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>
/// Outgoing webhooks: an integration event a module offers with <c>AddWebhookEvent</c> reaches every matching
/// subscription, signed, retried after a failure, logged attempt by attempt, and replayable; chat tools get their own
/// message shapes and the email format a mail. <see cref="ParcelSent"/> is a test-only event, published through the
/// platform's store; <see cref="WebhookReceiver"/> is the other side.
/// </summary>
public sealed class DeliveringWebhooks
{
    [IntegrationEvent("tests.parcel_sent")]
    public sealed record ParcelSent(string Parcel, int Grams);

    private static Task<WeftApi> StartAsync(string provider, IReadOnlyDictionary<string, string?>? settings = null) =>
        WeftApi.StartAsync(provider, settings, services => services.AddWebhookEvent<ParcelSent>());

    private static async Task PublishAsync(WeftApi api, ParcelSent parcel, long tenant = 1)
    {
        await using var db = await PlatformStore.Tables.CreateAsync(api.Services, tenant);
        db.Publish(parcel, "parcels");
        await db.SaveChangesAsync();
        // The fan-out is an integration event handler: it writes the deliveries.
        await api.DrainEventsAsync();
    }

    private static Task<int> SendDueAsync(WeftApi api) => api.Services.GetRequiredService<WebhookSender>().SendDueAsync();

    private static async Task<(long Id, string Secret)> SubscribeAsync(WeftApi api, object request)
    {
        using var response = await api.PostAsync("/api/v1/webhooks", request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        var made = JsonNode.Parse(text)!;
        return (made["subscription"]!["id"]!.GetValue<long>(), made["secret"]!.GetValue<string>());
    }

    private static async Task<JsonArray> DeliveriesAsync(WeftApi api, long subscription) =>
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/webhooks/deliveries?subscription={subscription}"))["items"]!.AsArray();

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_failed_delivery_is_retried_after_its_backoff_signed_each_time_and_can_be_replayed(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var api = await StartAsync(provider);
        var (id, secret) = await SubscribeAsync(api, new { format = "json", url = receiver.Url("/hooks/weft"), events = new[] { "tests.parcel_sent" } });
        // The receiver checks the signature with the secret and the time on Weft's clock, and refuses the first delivery.
        var calls = 0;
        receiver.Answer = (_, headers, body) =>
        {
            if (!WebhookSignature.Verify(secret, headers[WebhookSignature.Header], body, api.Clock.GetUtcNow(), TimeSpan.FromMinutes(5))) return 401;
            return Interlocked.Increment(ref calls) == 1 ? 500 : 200;
        };

        await PublishAsync(api, new ParcelSent("P-1", 250));
        (await SendDueAsync(api)).ShouldBe(1);
        receiver.Received.Single().Answered.ShouldBe(500);
        (await SendDueAsync(api)).ShouldBe(0, "the retry waits for its backoff");
        api.Clock.Advance(TimeSpan.FromSeconds(29));
        (await SendDueAsync(api)).ShouldBe(0, "the first retry comes after 30 s at least");
        // 30 s, and up to a quarter more of jitter.
        api.Clock.Advance(TimeSpan.FromSeconds(10));
        (await SendDueAsync(api)).ShouldBe(1);

        var received = receiver.Received;
        received.Select(r => r.Answered).ShouldBe([500, 200]);
        received.Select(r => r.Headers["Weft-Delivery"]).Distinct().Count().ShouldBe(1, "a retry is the same delivery");
        received.ShouldAllBe(r => r.Headers["Weft-Event"] == "tests.parcel_sent" && r.Path == "/hooks/weft");
        var body = JsonNode.Parse(received[1].Body)!;
        body["type"]!.GetValue<string>().ShouldBe("tests.parcel_sent");
        body["id"]!.GetValue<string>().ShouldStartWith("evt_");
        body["tenant"]!.GetValue<long>().ShouldBe(1);
        body["data"]!["parcel"]!.GetValue<string>().ShouldBe("P-1");
        body["data"]!["grams"]!.GetValue<int>().ShouldBe(250);
        DateTime.Parse(body["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldNotBe(default);

        var delivery = (await DeliveriesAsync(api, id)).Single()!;
        delivery["state"]!.GetValue<string>().ShouldBe("delivered");
        delivery["attempts"]!.GetValue<int>().ShouldBe(2);
        var deliveryId = delivery["id"]!.GetValue<long>();
        deliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(received[0].Headers["Weft-Delivery"]);
        var attempts = (await api.OkAsync(HttpMethod.Get, $"/api/v1/webhooks/deliveries/{deliveryId}/attempts")).AsArray();
        attempts.Select(a => a!["statusCode"]!.GetValue<int>()).ShouldBe([500, 200]);
        attempts.Select(a => a!["succeeded"]!.GetValue<bool>()).ShouldBe([false, true]);
        attempts[0]!["error"]!.GetValue<string>().ShouldContain("500");
        attempts[1]!["responseExcerpt"]!.GetValue<string>().ShouldBe("thanks");

        // Replay: the same delivery again, as a third attempt.
        (await api.PostAsync($"/api/v1/webhooks/deliveries/{deliveryId}/replay")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await (await api.PostAsync($"/api/v1/webhooks/deliveries/{deliveryId}/replay")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "webhook_delivery_pending");
        (await SendDueAsync(api)).ShouldBe(1);
        receiver.Received.Count.ShouldBe(3);
        receiver.Received[2].Headers["Weft-Delivery"].ShouldBe(received[0].Headers["Weft-Delivery"]);
        receiver.Received[2].Body.ShouldBe(received[0].Body);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/webhooks/deliveries/{deliveryId}/attempts")).AsArray().Count.ShouldBe(3);

        // Handling the event again (a redelivery) adds no delivery.
        (await DeliveriesAsync(api, id)).Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_receiver_that_keeps_failing_is_given_up_after_the_last_attempt(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var api = await StartAsync(provider, new Dictionary<string, string?> { ["Weft:Webhooks:MaxAttempts"] = "3" });
        receiver.Answer = (_, _, _) => 503;
        var (id, _) = await SubscribeAsync(api, new { format = "json", url = receiver.Url("/down"), events = new[] { "*" } });

        await PublishAsync(api, new ParcelSent("P-2", 1));
        (await SendDueAsync(api)).ShouldBe(1);
        api.Clock.Advance(TimeSpan.FromSeconds(38));
        (await SendDueAsync(api)).ShouldBe(1);
        api.Clock.Advance(TimeSpan.FromSeconds(60) * 1.25 + TimeSpan.FromSeconds(1));
        (await SendDueAsync(api)).ShouldBe(1);
        api.Clock.Advance(TimeSpan.FromHours(1));
        (await SendDueAsync(api)).ShouldBe(0);

        var delivery = (await DeliveriesAsync(api, id)).Single()!;
        delivery["state"]!.GetValue<string>().ShouldBe("failed");
        delivery["attempts"]!.GetValue<int>().ShouldBe(3);
        delivery["lastStatus"]!.GetValue<int>().ShouldBe(503);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/webhooks/deliveries?state=failed"))["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Slack_discord_teams_and_email_each_get_their_own_message_shape(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var smtp = LocalSmtpServer.Start();
        await using var api = await StartAsync(provider, smtp.Settings);
        await SubscribeAsync(api, new { format = "slack", url = receiver.Url("/slack"), events = new[] { "*" } });
        await SubscribeAsync(api, new { format = "discord", url = receiver.Url("/discord"), events = new[] { "*" } });
        await SubscribeAsync(api, new { format = "teams", url = receiver.Url("/teams"), events = new[] { "*" } });
        await SubscribeAsync(api, new { format = "email", email = "ops@shop.test", events = new[] { "tests.parcel_sent" } });

        await PublishAsync(api, new ParcelSent("P-3", 900));
        (await SendDueAsync(api)).ShouldBe(4);

        var byPath = receiver.Received.ToDictionary(r => r.Path, r => JsonNode.Parse(r.Body)!);
        byPath.Keys.Order().ShouldBe(["/discord", "/slack", "/teams"]);
        var slack = byPath["/slack"];
        slack["text"]!.GetValue<string>().ShouldContain("tests.parcel_sent");
        slack["text"]!.GetValue<string>().ShouldContain("parcel: P-3");
        slack["blocks"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()).ShouldBe(["header", "section", "context"]);
        var discord = byPath["/discord"];
        discord["content"]!.GetValue<string>().ShouldContain("tests.parcel_sent");
        discord["embeds"]![0]!["description"]!.GetValue<string>().ShouldContain("grams: 900");
        var teams = byPath["/teams"];
        teams["type"]!.GetValue<string>().ShouldBe("message");
        var card = teams["attachments"]![0]!;
        card["contentType"]!.GetValue<string>().ShouldBe("application/vnd.microsoft.card.adaptive");
        card["content"]!["type"]!.GetValue<string>().ShouldBe("AdaptiveCard");
        card["content"]!["body"]![1]!["text"]!.GetValue<string>().ShouldContain("parcel: P-3");

        var mail = smtp.Messages.Single();
        mail.To.ToString().ShouldContain("ops@shop.test");
        (mail.Subject ?? "").ShouldContain("tests.parcel_sent");
        (mail.TextBody ?? "").ShouldContain("parcel: P-3");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/webhooks/deliveries?state=delivered"))["items"]!.AsArray().Count.ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_ping_is_sent_signed_and_a_rotated_secret_signs_from_then_on(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var api = await StartAsync(provider);
        var (id, first) = await SubscribeAsync(api, new { format = "json", url = receiver.Url("/ping"), events = new[] { "*" }, description = "ops" });

        (await api.PostAsync($"/api/v1/webhooks/{id}/ping")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var rotated = (await api.OkAsync(HttpMethod.Post, $"/api/v1/webhooks/{id}/rotate-secret"))["secret"]!.GetValue<string>();
        rotated.ShouldNotBe(first);
        (await SendDueAsync(api)).ShouldBe(1);

        var ping = receiver.Received.Single();
        ping.Headers["Weft-Event"].ShouldBe("webhook.ping");
        JsonNode.Parse(ping.Body)!["data"]!["subscription"]!.GetValue<long>().ShouldBe(id);
        WebhookSignature.Verify(rotated, ping.Headers[WebhookSignature.Header], ping.Body, api.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeTrue();
        WebhookSignature.Verify(first, ping.Headers[WebhookSignature.Header], ping.Body, api.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeFalse();

        var read = await api.OkAsync(HttpMethod.Get, $"/api/v1/webhooks/{id}");
        read["secretStart"]!.GetValue<string>().ShouldBe(rotated[..12] + "…");
        read.ToJsonString().ShouldNotContain(rotated);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/webhooks/events")).AsArray().Select(e => e!.GetValue<string>()).ShouldContain("tests.parcel_sent");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Inactive_and_deleted_subscriptions_get_nothing(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var api = await StartAsync(provider);
        var (paused, _) = await SubscribeAsync(api, new { format = "json", url = receiver.Url("/paused"), events = new[] { "*" } });
        var (gone, _) = await SubscribeAsync(api, new { format = "json", url = receiver.Url("/gone"), events = new[] { "*" } });
        await api.OkAsync(HttpMethod.Put, $"/api/v1/webhooks/{paused}", new { format = "json", url = receiver.Url("/paused"), events = new[] { "*" }, active = false });
        await api.OkAsync(HttpMethod.Delete, $"/api/v1/webhooks/{gone}");

        await PublishAsync(api, new ParcelSent("P-4", 2));
        (await SendDueAsync(api)).ShouldBe(0);
        receiver.Received.ShouldBeEmpty();
        await (await api.GetAsync($"/api/v1/webhooks/{gone}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "webhook_not_found");
        await (await api.PostAsync($"/api/v1/webhooks/{paused}/ping")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "webhook_inactive");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Bad_subscriptions_are_refused_with_their_fields_and_change_nothing(string provider)
    {
        await using var api = await StartAsync(provider, new Dictionary<string, string?> { ["Weft:Webhooks:AllowPrivateNetworks"] = "false" });
        foreach (var (bad, field) in new (object Body, string Field)[]
                 {
                     (new { format = "json", url = "http://127.0.0.1:8080/hook", events = new[] { "*" } }, "url"),
                     (new { format = "json", url = "http://10.1.2.3/hook", events = new[] { "*" } }, "url"),
                     (new { format = "json", url = "http://localhost/hook", events = new[] { "*" } }, "url"),
                     (new { format = "json", url = "http://[::1]/hook", events = new[] { "*" } }, "url"),
                     (new { format = "json", url = "ftp://example.com/hook", events = new[] { "*" } }, "url"),
                     (new { format = "json", url = "/relative", events = new[] { "*" } }, "url"),
                     (new { format = "carrier-pigeon", url = "https://example.com/hook", events = new[] { "*" } }, "format"),
                     (new { format = "json", url = "https://example.com/hook", events = new[] { "tests.no_such_event" } }, "events"),
                     (new { format = "json", url = "https://example.com/hook", events = Array.Empty<string>() }, "events"),
                     (new { format = "email", email = "not an address", events = new[] { "*" } }, "email"),
                 })
        {
            var answer = await api.PostAsync("/api/v1/webhooks", bad);
            var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
        }
        (await api.OkAsync(HttpMethod.Get, "/api/v1/webhooks"))["items"]!.AsArray().ShouldBeEmpty();
        var (id, _) = await SubscribeAsync(api, new { format = "slack", url = "https://hooks.slack.com/services/T0/B0/x", events = new[] { "*" } });
        (await (await api.SendAsync(HttpMethod.Put, $"/api/v1/webhooks/{id}", new { format = "discord", url = "https://discord.com/api/webhooks/1/x", events = new[] { "*" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["format"].ShouldNotBeNull();
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/webhooks/{id}"))["url"]!.GetValue<string>().ShouldBe("https://hooks.slack.com/services/T0/B0/x");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_admin_finds_the_webhooks_page_in_the_navigation_with_subscriptions_and_deliveries(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var api = await StartAsync(provider);
        var (id, _) = await SubscribeAsync(api, new { format = "discord", url = receiver.Url("/page"), events = new[] { "*" } });
        (await api.PostAsync($"/api/v1/webhooks/{id}/ping")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await SendDueAsync(api);

        using var browser = api.CreateClient();
        var token = FormToken(await browser.GetStringAsync("/sign-in"));
        using (await browser.PostAsync("/sign-in",
                   Form(("__RequestVerificationToken", token), ("email", WeftApi.AdminEmail), ("password", WeftApi.AdminPassword), ("returnUrl", "/"))))
        {
        }
        (await browser.GetStringAsync("/")).ShouldContain("href=\"/admin/webhooks\"");
        using var response = await browser.GetAsync("/admin/webhooks");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/admin/webhooks");
        // Live pages are prerendered: the first content arrives with the document.
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain(receiver.Url("/page"));
        html.ShouldContain("webhook.ping");
        html.ShouldContain("Replay delivery");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_tenant_sees_and_gets_only_its_own_webhooks_and_events(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var api = await StartAsync(provider);
        var (mine, _) = await SubscribeAsync(api, new { format = "json", url = receiver.Url("/mine"), events = new[] { "*" } });
        var other = await SecurityFixtures.TenantAsync(api, "other-hooks", "admin@other-hooks.test");
        using var client = api.CreateClient();
        var theirs = await SecurityFixtures.SendAsync(client, other.Authorization, "POST", "/api/v1/webhooks",
            new { format = "json", url = receiver.Url("/theirs"), events = new[] { "*" } });
        theirs.Status.ShouldBe(201, theirs.Body);

        await PublishAsync(api, new ParcelSent("P-5", 5), other.Tenant);
        (await SendDueAsync(api)).ShouldBe(1);
        var received = receiver.Received.Single();
        received.Path.ShouldBe("/theirs");
        JsonNode.Parse(received.Body)!["tenant"]!.GetValue<long>().ShouldBe(other.Tenant);

        (await api.OkAsync(HttpMethod.Get, "/api/v1/webhooks"))["items"]!.AsArray().Select(s => s!["id"]!.GetValue<long>()).ShouldBe([mine]);
        (await DeliveriesAsync(api, mine)).ShouldBeEmpty();
        (await SecurityFixtures.SendAsync(client, other.Authorization, "GET", $"/api/v1/webhooks/{mine}", null)).Code.ShouldBe("webhook_not_found");
        (await SecurityFixtures.SendAsync(client, other.Authorization, "DELETE", $"/api/v1/webhooks/{mine}", null)).Code.ShouldBe("webhook_not_found");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/webhooks/{mine}"))["id"]!.GetValue<long>().ShouldBe(mine);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_background_sender_keeps_delivering_while_a_slow_receiver_holds_its_answer(string provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Before = path => path == "/slow" ? release.Task : Task.CompletedTask;
        await using var api = await StartAsync(provider, new Dictionary<string, string?>
        {
            ["Weft:Runtime:Enabled"] = "true", ["Weft:Webhooks:TimeoutSeconds"] = "120",
        });
        try
        {
            var (slow, _) = await SubscribeAsync(api, new { format = "json", url = receiver.Url("/slow"), events = new[] { "*" } });
            var (fast, _) = await SubscribeAsync(api, new { format = "json", url = receiver.Url("/fast"), events = new[] { "*" } });

            // The first event's fast delivery arrives while the slow one waits; so does the next event's, published after.
            await PublishAsync(api, new ParcelSent("P-6", 6));
            await EventuallyAsync(() => receiver.Received.Count(r => r.Path == "/fast") == 1);
            await PublishAsync(api, new ParcelSent("P-7", 7));
            await EventuallyAsync(() => receiver.Received.Count(r => r.Path == "/fast") == 2);
            receiver.Received.ShouldNotContain(r => r.Path == "/slow");
        }
        finally
        {
            release.TrySetResult();
        }
        await EventuallyAsync(() => receiver.Received.Count(r => r.Path == "/slow") == 2);
    }

    /// <summary>Waits (up to 30 s) for the background sender to get there.</summary>
    private static async Task EventuallyAsync(Func<bool> done)
    {
        for (var i = 0; i < 300; i++)
        {
            if (done()) return;
            await Task.Delay(100);
        }
        throw new ShouldAssertException("The background sender did not get there within 30 seconds.");
    }
}
