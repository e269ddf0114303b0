using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Host.Tests.Infrastructure;
using Weft.Platform.Audit;
using Weft.Platform.Events;
using Weft.Platform.Persistence;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>
/// Integration events reach every handler after the publishing transaction commits, in order per
/// stream, once in effect; a handler that keeps failing is parked where an admin retries or dismisses it.
/// The engine's audit events (a graph published, an agent registered) are the events under test, the
/// identity module's audit trail one handler, and <see cref="Probe"/> a second one the test controls.
/// </summary>
public sealed class DeliveringIntegrationEvents
{
    /// <summary>A second handler of audit events: records what it handled, or fails while told to.</summary>
    public sealed class Probe
    {
        private readonly List<string> handled = [];
        public volatile bool Failing;

        public IReadOnlyList<string> Handled
        {
            get
            {
                lock (handled) return handled.ToList();
            }
        }

        public void Add(string type)
        {
            lock (handled) handled.Add(type);
        }
    }

    public sealed class ProbeHandler(Probe probe) : IIntegrationEventHandler<AuditRecorded>
    {
        public Task HandleAsync(AuditRecorded integrationEvent, IntegrationEventContext context, CancellationToken ct)
        {
            if (probe.Failing) throw new InvalidOperationException($"The probe refuses {integrationEvent.Type}.");
            probe.Add($"{integrationEvent.Type}:{context.MessageId}");
            return Task.CompletedTask;
        }
    }

    private static async Task<(WeftApi Api, Probe Probe)> StartAsync(string provider)
    {
        var probe = new Probe();
        var api = await WeftApi.StartAsync(provider,
            new Dictionary<string, string?> { ["Weft:Events:Enabled"] = "false", ["Weft:Events:MaxAttempts"] = "3" },
            services =>
            {
                services.AddSingleton(probe);
                services.AddIntegrationEventHandler<AuditRecorded, ProbeHandler>();
            });
        return (api, probe);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Every_handler_gets_a_committed_event_once_however_often_delivery_runs(string provider)
    {
        var (api, probe) = await StartAsync(provider);
        await using var _ = api;
        await PublishAsync(new WeftCaller(api.Client), "g1", Fixtures.OneTask());

        probe.Handled.ShouldBeEmpty("nothing is delivered before the delivery runs");
        // Several deliveries at once (as several host processes would run them): each event is handled once.
        var dispatcher = api.Services.GetRequiredService<EventDispatcher>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => dispatcher.DrainAsync())));
        await dispatcher.DrainAsync();

        probe.Handled.Count(h => h.StartsWith("graph_published:", StringComparison.Ordinal)).ShouldBe(1);
        var audit = await api.AuditAsync();
        audit.Count(e => e.Type() == "graph_published").ShouldBe(1);
        (await DeliveriesAsync(api, "pending")).ShouldBeEmpty();
        (await DeliveriesAsync(api, "delivered")).Count.ShouldBe(2, "one delivery per handler");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_event_published_in_a_transaction_that_rolled_back_is_never_delivered(string provider)
    {
        var (api, probe) = await StartAsync(provider);
        await using var _ = api;
        await api.OkAsync(HttpMethod.Post, "/api/v1/users", new { email = "taken@test.weft", role = "viewer", password = Password });
        await api.DrainEventsAsync();
        var before = await DeliveriesAsync(api, null);

        // The engine registers the agent (and publishes its audit event) before the user is refused: all of it rolls back.
        await (await api.PostAsync("/api/v1/users", new
        {
            email = "taken@test.weft", role = "operator", password = Password,
            newAgent = new { key = "ghost", capabilities = new[] { new { name = "craft", level = 1 } } },
        })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        await api.DrainEventsAsync();

        probe.Handled.ShouldNotContain(h => h.StartsWith("agent_registered", StringComparison.Ordinal));
        (await api.AuditAsync()).ShouldNotContain(e => e.Type() == "agent_registered");
        (await DeliveriesAsync(api, null)).Count.ShouldBe(before.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_failing_handler_is_retried_then_parked_and_holds_back_its_stream_until_an_admin_retries_it(string provider)
    {
        var (api, probe) = await StartAsync(provider);
        await using var _ = api;
        probe.Failing = true;
        await PublishAsync(new WeftCaller(api.Client), "g1", Fixtures.OneTask());
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ann", name = "Ann", kind = "person" });

        // Attempt 1 now, attempt 2 after 1 s, attempt 3 after 2 s more: then it is parked (MaxAttempts = 3).
        await api.DrainEventsAsync();
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        await api.DrainEventsAsync();
        (await DeliveriesAsync(api, "parked")).ShouldBeEmpty("two failures are not enough to park");
        api.Clock.Advance(TimeSpan.FromSeconds(2));
        await api.DrainEventsAsync();

        var parked = (await DeliveriesAsync(api, "parked")).Single();
        parked["handler"]!.GetValue<string>().ShouldEndWith(nameof(ProbeHandler));
        parked["type"]!.GetValue<string>().ShouldBe("platform.audit_recorded");
        parked["attempts"]!.GetValue<int>().ShouldBe(3);
        parked["lastError"]!.GetValue<string>().ShouldContain("The probe refuses graph_published");
        // The other handler (the audit trail) is not held back; the probe's next event waits behind the parked one.
        (await api.AuditAsync()).Select(e => e.Type()).ShouldContain("agent_registered");
        (await DeliveriesAsync(api, "pending")).Single()["handler"]!.GetValue<string>().ShouldEndWith(nameof(ProbeHandler));
        probe.Handled.ShouldBeEmpty();

        probe.Failing = false;
        var retried = await api.OkAsync(HttpMethod.Post, $"/api/v1/event-deliveries/{parked["id"]}/retry");
        retried["state"]!.GetValue<string>().ShouldBe("pending");
        await api.DrainEventsAsync();

        probe.Handled.Select(h => h.Split(':')[0]).ShouldBe(["graph_published", "agent_registered", "event_delivery_retried"]);
        (await DeliveriesAsync(api, "parked")).ShouldBeEmpty();
        (await api.AuditAsync()).ShouldContain(e => e.Type() == "event_delivery_retried" && e.Actor() != null);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_dismissed_event_lets_its_stream_move_on_and_only_a_parked_one_can_be_decided(string provider)
    {
        var (api, probe) = await StartAsync(provider);
        await using var _ = api;
        probe.Failing = true;
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "bob", name = "Bob", kind = "person" });
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await api.DrainEventsAsync();
            api.Clock.Advance(TimeSpan.FromMinutes(5));
        }
        var parked = (await DeliveriesAsync(api, "parked")).Single();
        probe.Failing = false;
        await api.OkAsync(HttpMethod.Patch, "/api/v1/agents/bob", new { name = "Bobby" });

        var dismissed = await api.OkAsync(HttpMethod.Post, $"/api/v1/event-deliveries/{parked["id"]}/dismiss");
        dismissed["state"]!.GetValue<string>().ShouldBe("dismissed");
        await api.DrainEventsAsync();

        probe.Handled.Select(h => h.Split(':')[0]).ShouldBe(["agent_updated", "event_delivery_dismissed"]);
        await (await api.PostAsync($"/api/v1/event-deliveries/{parked["id"]}/retry"))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "delivery_not_parked");
        await (await api.PostAsync("/api/v1/event-deliveries/987654/dismiss"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "delivery_not_found");
        await (await api.GetAsync("/api/v1/event-deliveries?state=lost"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_state");

        // Another tenant's admin does not see this tenant's deliveries and cannot decide them.
        var other = await SecurityFixtures.TenantAsync(api, "other-events", "admin@other-events.test");
        using var client = api.CreateClient();
        var list = await SecurityFixtures.SendAsync(client, other.Authorization, "GET", "/api/v1/event-deliveries", null);
        list.Status.ShouldBe(200);
        JsonNode.Parse(list.Body)!["items"]!.AsArray().ShouldBeEmpty();
        (await SecurityFixtures.SendAsync(client, other.Authorization, "POST", $"/api/v1/event-deliveries/{parked["id"]}/retry", new { }))
            .Code.ShouldBe("delivery_not_found");
    }

    private static async Task<List<JsonNode>> DeliveriesAsync(WeftApi api, string? state) =>
        (await api.OkAsync(HttpMethod.Get, "/api/v1/event-deliveries?limit=500" + (state is null ? "" : "&state=" + state)))["items"]!
            .AsArray().Select(d => d!).ToList();
}
