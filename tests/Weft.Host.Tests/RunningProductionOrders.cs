using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// Manufacturing orders and atelier jobs through the API: drafts, release as one flow job (one token per piece, or
/// per batch unit), progress and state read from that job, cancellation of the open units, and the end of the order
/// when its job ends.
/// </summary>
public sealed class RunningProductionOrders
{
    private const string MoPath = "/api/v1/manufacturing-orders";
    private const string AtelierPath = "/api/v1/atelier-jobs";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_manufacturing_order_is_always_oem(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishRoutingAsync(api, "strap-line");
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "strap", name = "OEM strap", routing = "strap-line" });

        await (await api.PostAsync(MoPath, new { product = "strap", quantity = 5, type = "craft" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "mo_type_fixed");
        (await api.OkAsync(HttpMethod.Get, MoPath))["items"]!.AsArray().ShouldBeEmpty();

        var mo = await api.OkAsync(HttpMethod.Post, MoPath, new { product = "strap", quantity = 5, type = "oem" });
        mo["type"]!.GetValue<string>().ShouldBe("oem");
        mo["number"]!.GetValue<string>().ShouldStartWith("MO-");
        var id = mo["id"]!.GetValue<long>();
        await (await api.SendAsync(HttpMethod.Patch, $"{MoPath}/{id}", new { type = "craft" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "mo_type_fixed");
        // An atelier job is the craft side; it cannot be made OEM either, and an MO is not an atelier job.
        await (await api.PostAsync(AtelierPath, new { product = "strap", quantity = 1, type = "oem" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "atelier_job_type_fixed");
        (await api.GetAsync($"{AtelierPath}/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.OkAsync(HttpMethod.Get, $"{MoPath}/{id}"))["type"]!.GetValue<string>().ShouldBe("oem");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Orders_are_found_by_number_piece_serial_product_customer_or_notes_whatever_the_case(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishRoutingAsync(api, "strap-line");
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "strap", name = "OEM strap", routing = "strap-line" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "belt", name = "Belt", routing = "strap-line" });
        var first = (await api.OkAsync(HttpMethod.Post, MoPath, new { product = "strap", quantity = 1, notes = "Rush for the Autumn restock" }))["number"]!.GetValue<string>();
        var second = (await api.OkAsync(HttpMethod.Post, MoPath, new { product = "belt", quantity = 1 }))["number"]!.GetValue<string>();
        var job = (await api.OkAsync(HttpMethod.Post, AtelierPath, new { product = "belt", quantity = 1, customer = "Maison Lune" }))["number"]!.GetValue<string>();

        async Task<List<string>> FoundAsync(string path, string query) =>
            (await api.OkAsync(HttpMethod.Get, $"{path}?{query}"))["items"]!.AsArray().Select(o => o!["number"]!.GetValue<string>()).ToList();

        (await FoundAsync(MoPath, $"q={second}")).ShouldBe([second]);
        (await FoundAsync(MoPath, $"q={second.ToLowerInvariant()}-001")).ShouldBe([second], "a piece's serial names its order");
        (await FoundAsync(MoPath, "q=autumn")).ShouldBe([first]);
        (await FoundAsync(MoPath, "q=BELT")).ShouldBe([second]);
        (await FoundAsync(MoPath, "q=belt&product=strap")).ShouldBeEmpty();
        (await FoundAsync(MoPath, "q=lune")).ShouldBeEmpty("an atelier job is not a manufacturing order");
        (await FoundAsync(AtelierPath, "q=lune")).ShouldBe([job]);
        (await FoundAsync(AtelierPath, $"q={second}")).ShouldBeEmpty("an MO number names no atelier job");
        (await FoundAsync(MoPath, "q=")).Count.ShouldBe(2);
        await (await api.GetAsync($"{MoPath}?q={new string('x', 201)}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_released_order_takes_a_new_due_date_and_priority_with_its_open_work_and_nothing_else(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishRoutingAsync(api, "strap-line");
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "strap", name = "OEM strap", routing = "strap-line" });
        var mo = await api.OkAsync(HttpMethod.Post, MoPath, new { product = "strap", quantity = 3, dueAt = "2026-12-20T17:00:00Z", priority = 1 });
        var id = mo["id"]!.GetValue<long>();
        var job = (await api.OkAsync(HttpMethod.Post, $"{MoPath}/{id}/release", new { }))["jobId"]!.GetValue<long>();

        var moved = await api.OkAsync(HttpMethod.Patch, $"{MoPath}/{id}", new { dueAt = "2026-12-15T12:00:00Z", priority = 9, notes = "Customer moved the show." });

        moved["dueAt"]!.GetValue<DateTime>().ShouldBe(new DateTime(2026, 12, 15, 12, 0, 0, DateTimeKind.Utc));
        moved["priority"]!.GetValue<int>().ShouldBe(9);
        var flow = await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}");
        (flow["priority"]!.GetValue<int>(), flow["dueAt"]!.GetValue<DateTime>()).ShouldBe((9, new DateTime(2026, 12, 15, 12, 0, 0, DateTimeKind.Utc)));
        foreach (var item in (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}"))["items"]!.AsArray())
            item!["priority"]!.GetValue<int>().ShouldBe(9);

        // What the released work was made of does not change: that takes a new order.
        await (await api.SendAsync(HttpMethod.Patch, $"{MoPath}/{id}", new { quantity = 4, priority = 2 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "order_released");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}"))["priority"]!.GetValue<int>().ShouldBe(9);
        (await api.OkAsync(HttpMethod.Get, $"{MoPath}/{id}"))["quantity"]!.GetValue<int>().ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Releasing_an_order_starts_one_token_per_piece_and_the_order_ends_with_its_job(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishRoutingAsync(api, "strap-line");
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ana", name = "Ana", kind = "person", capabilities = new[] { new { name = "craft" } }, wipLimit = 5 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "strap", name = "OEM strap", routing = "strap-line" });
        var mo = await api.OkAsync(HttpMethod.Post, MoPath, new { product = "strap", quantity = 5, dueAt = "2026-12-20T17:00:00Z", priority = 5 });
        var id = mo["id"]!.GetValue<long>();
        mo["state"]!.GetValue<string>().ShouldBe("draft");
        mo["jobId"].ShouldBeNull();

        var released = await api.OkAsync(HttpMethod.Post, $"{MoPath}/{id}/release", new { version = mo["version"]!.GetValue<int>() });
        released["state"]!.GetValue<string>().ShouldBe("released");
        released["routingVersion"]!.GetValue<int>().ShouldBe(1);
        released["progress"]!["units"]!.GetValue<int>().ShouldBe(5);
        var jobId = released["jobId"]!.GetValue<long>();
        var job = await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}");
        job["reference"]!.GetValue<string>().ShouldBe(released["number"]!.GetValue<string>());
        job["quantity"]!.GetValue<int>().ShouldBe(5);
        job["priority"]!.GetValue<int>().ShouldBe(5);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}/tokens")).AsArray().Count.ShouldBe(5);
        // Released once: a second release is refused and starts nothing.
        await (await api.PostAsync($"{MoPath}/{id}/release")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "order_not_draft");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/jobs"))["items"]!.AsArray().Count.ShouldBe(1);
        // A new routing version does not move released work.
        await PublishRoutingAsync(api, "strap-line", create: false);
        (await api.OkAsync(HttpMethod.Get, $"{MoPath}/{id}"))["routingVersion"]!.GetValue<int>().ShouldBe(1);

        var ana = await api.AsAsync("ana");
        var items = await ReadyItemsAsync(api, jobId);
        await ana.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{items[0]}/claim", new { });
        await ana.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{items[0]}/start", new { });
        (await api.OkAsync(HttpMethod.Get, $"{MoPath}/{id}"))["state"]!.GetValue<string>().ShouldBe("in_progress");
        (await api.OkAsync(HttpMethod.Get, $"{MoPath}?state=in_progress"))["items"]!.AsArray().Count.ShouldBe(1);
        (await api.OkAsync(HttpMethod.Get, $"{MoPath}?state=released"))["items"]!.AsArray().ShouldBeEmpty();
        foreach (var item in items)
        {
            if (item != items[0])
            {
                await ana.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{item}/claim", new { });
                await ana.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{item}/start", new { });
            }
            await ana.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{item}/complete", new { });
        }
        await api.DrainEventsAsync();

        var done = await api.OkAsync(HttpMethod.Get, $"{MoPath}/{id}");
        done["state"]!.GetValue<string>().ShouldBe("completed");
        done["progress"]!["done"]!.GetValue<int>().ShouldBe(5);
        done["endedAt"].ShouldNotBeNull();
        await (await api.PostAsync($"{MoPath}/{id}/cancel")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "order_ended");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cancelling_a_released_order_cancels_its_open_units_and_keeps_the_done_ones(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishRoutingAsync(api, "strap-line");
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ana", name = "Ana", kind = "person", capabilities = new[] { new { name = "craft" } }, wipLimit = 5 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "strap", name = "OEM strap", routing = "strap-line" });
        var id = (await api.OkAsync(HttpMethod.Post, MoPath, new { product = "strap", quantity = 3 }))["id"]!.GetValue<long>();
        var jobId = (await api.OkAsync(HttpMethod.Post, $"{MoPath}/{id}/release"))["jobId"]!.GetValue<long>();
        var ana = await api.AsAsync("ana");
        var first = (await ReadyItemsAsync(api, jobId))[0];
        foreach (var command in new[] { "claim", "start", "complete" })
            await ana.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{first}/{command}", new { });

        await (await api.PostAsync($"{MoPath}/{id}/cancel", new { version = 0 })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        var cancelled = await api.OkAsync(HttpMethod.Post, $"{MoPath}/{id}/cancel");
        cancelled["state"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["progress"]!["done"]!.GetValue<int>().ShouldBe(1);
        cancelled["progress"]!["cancelled"]!.GetValue<int>().ShouldBe(2);
        cancelled["progress"]!["open"]!.GetValue<int>().ShouldBe(0);
        var tokens = (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{jobId}/tokens")).AsArray();
        tokens.Count(t => t!["state"]!.GetValue<string>() == "cancelled" && t["cancelReason"]!.GetValue<string>() == "permanent").ShouldBe(2);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}&state=ready"))["items"]!.AsArray().ShouldBeEmpty();
        await api.DrainEventsAsync();
        // The job's end does not turn a cancelled order into a completed one.
        (await api.OkAsync(HttpMethod.Get, $"{MoPath}/{id}"))["state"]!.GetValue<string>().ShouldBe("cancelled");
        await (await api.PostAsync($"{MoPath}/{id}/cancel")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "order_ended");
        // A draft is cancelled without a job.
        var draft = (await api.OkAsync(HttpMethod.Post, MoPath, new { product = "strap", quantity = 1 }))["id"]!.GetValue<long>();
        (await api.OkAsync(HttpMethod.Post, $"{MoPath}/{draft}/cancel"))["state"]!.GetValue<string>().ShouldBe("cancelled");
        await (await api.PostAsync($"{MoPath}/{draft}/release")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "order_not_draft");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_product_made_in_batches_releases_one_token_per_batch_unit_and_atelier_work_one_per_piece(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishRoutingAsync(api, "strap-line");
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "rivet", name = "Rivets", routing = "strap-line", batchSize = 10 });

        var mo = await api.OkAsync(HttpMethod.Post, MoPath, new { product = "rivet", quantity = 25 });
        var released = await api.OkAsync(HttpMethod.Post, $"{MoPath}/{mo["id"]!.GetValue<long>()}/release");
        released["unitSize"]!.GetValue<int>().ShouldBe(10);
        released["progress"]!["units"]!.GetValue<int>().ShouldBe(3);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{released["jobId"]!.GetValue<long>()}"))["quantity"]!.GetValue<int>().ShouldBe(3);

        var aj = await api.OkAsync(HttpMethod.Post, AtelierPath, new { product = "rivet", quantity = 4, customer = "Maison Lune" });
        aj["number"]!.GetValue<string>().ShouldStartWith("AJ-");
        aj["type"]!.GetValue<string>().ShouldBe("craft");
        var craft = await api.OkAsync(HttpMethod.Post, $"{AtelierPath}/{aj["id"]!.GetValue<long>()}/release");
        craft["unitSize"]!.GetValue<int>().ShouldBe(1);
        craft["progress"]!["units"]!.GetValue<int>().ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_atelier_job_linked_to_a_manufacturing_order_shows_on_both(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishRoutingAsync(api, "strap-line");
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "strap", name = "OEM strap", routing = "strap-line" });
        var mo = await api.OkAsync(HttpMethod.Post, MoPath, new { product = "strap", quantity = 10 });
        var moId = mo["id"]!.GetValue<long>();

        var aj = await api.OkAsync(HttpMethod.Post, AtelierPath, new { product = "strap", quantity = 2, linkedOrder = moId });
        aj["linkedOrder"]!["number"]!.GetValue<string>().ShouldBe(mo["number"]!.GetValue<string>());
        var linkedBy = (await api.OkAsync(HttpMethod.Get, $"{MoPath}/{moId}"))["linkedJobs"]!.AsArray();
        linkedBy.Count.ShouldBe(1);
        linkedBy[0]!["number"]!.GetValue<string>().ShouldBe(aj["number"]!.GetValue<string>());

        // Only an atelier job links, only to a manufacturing order that exists and is not cancelled.
        await (await api.PostAsync(MoPath, new { product = "strap", quantity = 1, linkedOrder = moId }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.PostAsync(AtelierPath, new { product = "strap", quantity = 1, linkedOrder = aj["id"]!.GetValue<long>() }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "linked_order_not_found");
        await api.OkAsync(HttpMethod.Post, $"{MoPath}/{moId}/cancel");
        await (await api.PostAsync(AtelierPath, new { product = "strap", quantity = 1, linkedOrder = moId }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "linked_order_cancelled");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_hybrid_atelier_job_completes_only_after_the_manufacturing_order_it_consumes(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishRoutingAsync(api, "strap-line");
        await PublishAsync(api, "tote-hybrid", HybridRouting(wait: true));
        await PublishAsync(api, "tote-plain", HybridRouting(wait: false));
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ana", name = "Ana", kind = "person", capabilities = new[] { new { name = "craft" } }, wipLimit = 10 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "strap", name = "OEM strap", routing = "strap-line" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "tote", name = "Tote", routing = "tote-hybrid" });
        var moId = (await api.OkAsync(HttpMethod.Post, MoPath, new { product = "strap", quantity = 2 }))["id"]!.GetValue<long>();
        var moJob = (await api.OkAsync(HttpMethod.Post, $"{MoPath}/{moId}/release"))["jobId"]!.GetValue<long>();

        // A routing that does not wait for the pieces cannot carry a hybrid job: refused, and nothing starts.
        var plain = (await api.OkAsync(HttpMethod.Post, AtelierPath, new { product = "tote", quantity = 1, routing = "tote-plain", linkedOrder = moId }))["id"]!.GetValue<long>();
        await (await api.PostAsync($"{AtelierPath}/{plain}/release")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "hybrid_routing_without_wait");
        (await api.OkAsync(HttpMethod.Get, $"{AtelierPath}/{plain}"))["state"]!.GetValue<string>().ShouldBe("draft");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/jobs"))["items"]!.AsArray().Count.ShouldBe(1);

        var ajId = (await api.OkAsync(HttpMethod.Post, AtelierPath, new { product = "tote", quantity = 1, linkedOrder = moId }))["id"]!.GetValue<long>();
        var ajJob = (await api.OkAsync(HttpMethod.Post, $"{AtelierPath}/{ajId}/release"))["jobId"]!.GetValue<long>();
        var ana = await api.AsAsync("ana");
        await DoAllReadyWorkAsync(api, ana, ajJob);
        await api.DrainEventsAsync();
        // The craft work is done, but the tote waits for the straps.
        var waiting = await api.OkAsync(HttpMethod.Get, $"{AtelierPath}/{ajId}");
        waiting["state"]!.GetValue<string>().ShouldBe("in_progress");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{ajJob}/tokens")).AsArray().Single()!["state"]!.GetValue<string>().ShouldBe("waiting");

        await DoAllReadyWorkAsync(api, ana, moJob);
        await api.DrainEventsAsync();
        (await api.OkAsync(HttpMethod.Get, $"{MoPath}/{moId}"))["state"]!.GetValue<string>().ShouldBe("completed");
        var done = await api.OkAsync(HttpMethod.Get, $"{AtelierPath}/{ajId}");
        done["state"]!.GetValue<string>().ShouldBe("completed");
        done["progress"]!["done"]!.GetValue<int>().ShouldBe(1);

        // A job linked to an order already done has its pieces from the start: the message waits for its token.
        var late = (await api.OkAsync(HttpMethod.Post, AtelierPath, new { product = "tote", quantity = 1, linkedOrder = moId }))["id"]!.GetValue<long>();
        var lateJob = (await api.OkAsync(HttpMethod.Post, $"{AtelierPath}/{late}/release"))["jobId"]!.GetValue<long>();
        await DoAllReadyWorkAsync(api, ana, lateJob);
        await api.DrainEventsAsync();
        (await api.OkAsync(HttpMethod.Get, $"{AtelierPath}/{late}"))["state"]!.GetValue<string>().ShouldBe("completed");
    }

    /// <summary>start → make (craft) → [components: wait for production.components_ready] → end.</summary>
    private static object HybridRouting(bool wait) => new
    {
        nodes = wait
            ? new object[]
            {
                new { key = "start", type = "start" }, new { key = "make", type = "task", capability = "craft" },
                new { key = "components", type = "wait", message = "production.components_ready" }, new { key = "end", type = "end" },
            }
            : [new { key = "start", type = "start" }, new { key = "make", type = "task", capability = "craft" }, new { key = "end", type = "end" }],
        edges = wait
            ? new object[] { new { from = "start", to = "make" }, new { from = "make", to = "components" }, new { from = "components", to = "end" } }
            : [new { from = "start", to = "make" }, new { from = "make", to = "end" }],
    };

    private static async Task PublishAsync(WeftApi api, string key, object draft)
    {
        (await api.PostAsync("/api/v1/graphs", new { key, name = key })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Put, $"/api/v1/graphs/{key}/draft", draft);
        (await api.PostAsync($"/api/v1/graphs/{key}/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static async Task DoAllReadyWorkAsync(WeftApi api, WeftCaller agent, long jobId)
    {
        foreach (var item in await ReadyItemsAsync(api, jobId))
            foreach (var command in new[] { "claim", "start", "complete" })
                await agent.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{item}/{command}", new { });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Malformed_and_refused_requests_change_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await PublishRoutingAsync(api, "strap-line");
        await (await api.PostAsync("/api/v1/products", new { key = "x", name = "X", routing = "no-such-graph" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "routing_not_found");
        var invalid = await (await api.PostAsync("/api/v1/products", new { key = "", name = "", routing = "strap-line", batchSize = 0 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        invalid["errors"]!["key"].ShouldNotBeNull();
        invalid["errors"]!["batchSize"].ShouldNotBeNull();
        await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "strap", name = "OEM strap", routing = "strap-line" });
        await (await api.PostAsync("/api/v1/products", new { key = "strap", name = "Again", routing = "strap-line" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "product_exists");
        await (await api.PostAsync(MoPath, new { product = "nope", quantity = 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "product_not_found");
        var bad = await (await api.PostAsync(MoPath, new { product = "strap", quantity = 0, dueAt = "2026-12-20T17:00:00", priority = 5000 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        bad["errors"]!["quantity"].ShouldNotBeNull();
        bad["errors"]!["dueAt"].ShouldNotBeNull();
        bad["errors"]!["priority"].ShouldNotBeNull();
        await (await api.PostAsync($"{MoPath}/999/release")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "order_not_found");
        (await api.GetAsync($"{MoPath}?state=lost")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.OkAsync(HttpMethod.Get, MoPath))["items"]!.AsArray().ShouldBeEmpty();

        // A routing without a published version cannot be released; the draft stays a draft and no job starts.
        (await api.PostAsync("/api/v1/graphs", new { key = "unpublished", name = "Unpublished" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var mo = await api.OkAsync(HttpMethod.Post, MoPath, new { product = "strap", quantity = 2, routing = "unpublished" });
        await (await api.PostAsync($"{MoPath}/{mo["id"]!.GetValue<long>()}/release")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "graph_not_published");
        (await api.OkAsync(HttpMethod.Get, $"{MoPath}/{mo["id"]!.GetValue<long>()}"))["state"]!.GetValue<string>().ShouldBe("draft");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/jobs"))["items"]!.AsArray().ShouldBeEmpty();
    }

    private static async Task PublishRoutingAsync(WeftApi api, string key, bool create = true)
    {
        if (create) (await api.PostAsync("/api/v1/graphs", new { key, name = key })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Put, $"/api/v1/graphs/{key}/draft", Fixtures.OneTask());
        (await api.PostAsync($"/api/v1/graphs/{key}/publish")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static async Task<List<long>> ReadyItemsAsync(WeftApi api, long jobId) =>
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={jobId}&state=ready"))["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<long>()).ToList();
}
