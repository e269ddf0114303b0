using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SecurityFixtures;

namespace Weft.Host.Tests;

/// <summary>
/// The authorization matrix: every endpoint the host maps under /api/v1 (found in its endpoint data
/// source), and /metrics, called by every kind of caller — nobody, a viewer, an operator linked to an
/// agent, a manager, an admin, and API keys of each scope. This file holds its own table of what
/// each endpoint needs; an endpoint without a row, or a row without an endpoint, fails the test,
/// so a new endpoint cannot ship without a decision about who may call it.
/// </summary>
public sealed class AuthorizingEveryEndpoint
{
    private const string Anonymous = "anonymous";
    private const string Authenticated = "authenticated";
    private const string FlowRead = "flow:read";
    private const string FlowWork = "flow:work";
    private const string FlowManage = "flow:manage";
    private const string Admin = "admin";
    private const string Metrics = "metrics:read";
    private const string ProductionRead = "production:read";
    private const string ProductionManage = "production:manage";
    private const string AiRead = "ai:read";
    private const string AiRun = "ai:run";
    private const string AiManage = "ai:manage";
    private const string CommerceRead = "commerce:read";
    private const string CommerceMove = "commerce:move";
    private const string CommerceManage = "commerce:manage";
    private const string CommercePurchase = "commerce:purchase";
    private const string SupportRead = "support:read";
    private const string SupportAnswer = "support:answer";
    private const string SupportManage = "support:manage";
    private const string MarketRead = "market:read";
    private const string MarketTrade = "market:trade";
    private const string MarketOperate = "market:operate";

    /// <summary>
    /// What each endpoint needs, in the order the rows run. <see cref="Rule.Target"/> is the request a
    /// refused caller sends (at existing objects, so a refusal is not a "not found");
    /// <see cref="Rule.Fresh"/>, when given, builds the request of a caller that gets through, at
    /// objects made for it, so that every such request really succeeds and none spoils the next.
    /// The password change runs last: it ends the users' sessions.
    /// </summary>
    private static readonly Rule[] Matrix =
    [
        new("POST /api/v1/auth/token", Anonymous, 200, w => Call("/api/v1/auth/token", new { email = w.ViewerEmail, password = Password })),
        new("GET /api/v1/auth/me", Authenticated, 200, w => Call("/api/v1/auth/me")),

        new("GET /api/v1/users", Admin, 200, w => Call("/api/v1/users")),
        new("POST /api/v1/users", Admin, 201, w => Call("/api/v1/users",
            new { email = $"made-{w.Next()}@matrix.test", name = "Made", role = "viewer", password = Password })),
        new("GET /api/v1/users/{id:long}", Admin, 200, w => Call($"/api/v1/users/{w.ViewerId}")),
        new("PATCH /api/v1/users/{id:long}", Admin, 200, w => Call($"/api/v1/users/{w.SpareUserId}", new { name = $"Spare {w.Next()}" })),
        new("GET /api/v1/api-keys", Admin, 200, w => Call("/api/v1/api-keys")),
        new("POST /api/v1/api-keys", Admin, 201, w => Call("/api/v1/api-keys", new { name = $"made {w.Next()}", scopes = new[] { "flow:read" } })),
        new("GET /api/v1/api-keys/{id:long}", Admin, 200, w => Call($"/api/v1/api-keys/{w.ReadKeyId}")),
        new("DELETE /api/v1/api-keys/{id:long}", Admin, 200, w => Call($"/api/v1/api-keys/{w.ReadKeyId}"),
            async (w, _) => Call($"/api/v1/api-keys/{(await ApiKeyAsync(w.Api.Client, $"spare {w.Next()}", ["flow:read"])).Id}")),
        new("GET /api/v1/sign-in-providers", Admin, 200, w => Call("/api/v1/sign-in-providers")),
        new("POST /api/v1/sign-in-providers", Admin, 201, w => Call("/api/v1/sign-in-providers",
            new { key = $"made-{w.Next()}", name = "Made", kind = "google", clientId = "made", clientSecret = "made-secret" })),
        new("GET /api/v1/sign-in-providers/{key}", Admin, 200, w => Call("/api/v1/sign-in-providers/corp")),
        new("PATCH /api/v1/sign-in-providers/{key}", Admin, 200, w => Call("/api/v1/sign-in-providers/corp", new { name = $"Corp {w.Next()}" })),
        new("DELETE /api/v1/sign-in-providers/{key}", Admin, 204, w => Call("/api/v1/sign-in-providers/corp"),
            async (w, _) => Call($"/api/v1/sign-in-providers/{await w.FreshSignInProviderAsync()}")),
        new("GET /api/v1/audit", Admin, 200, w => Call("/api/v1/audit")),
        new("GET /api/v1/event-deliveries", Admin, 200, w => Call("/api/v1/event-deliveries?state=parked")),
        // Past authorization, a delivery that is not there is a 404 (parked ones are retried in DeliveringIntegrationEvents).
        new("POST /api/v1/event-deliveries/{id:long}/retry", Admin, 404, w => Call("/api/v1/event-deliveries/999999/retry")),
        new("POST /api/v1/event-deliveries/{id:long}/dismiss", Admin, 404, w => Call("/api/v1/event-deliveries/999999/dismiss")),

        new("GET /api/v1/webhooks", Admin, 200, w => Call("/api/v1/webhooks")),
        new("POST /api/v1/webhooks", Admin, 201, w => Call("/api/v1/webhooks", Webhook(w.Next()))),
        new("GET /api/v1/webhooks/events", Admin, 200, w => Call("/api/v1/webhooks/events")),
        new("GET /api/v1/webhooks/{id:long}", Admin, 200, w => Call($"/api/v1/webhooks/{w.WebhookId}")),
        new("PUT /api/v1/webhooks/{id:long}", Admin, 200, w => Call($"/api/v1/webhooks/{w.WebhookId}", Webhook(w.Next()))),
        new("DELETE /api/v1/webhooks/{id:long}", Admin, 200, w => Call($"/api/v1/webhooks/{w.WebhookId}"),
            async (w, _) => Call($"/api/v1/webhooks/{await w.FreshWebhookAsync()}")),
        new("POST /api/v1/webhooks/{id:long}/rotate-secret", Admin, 200, w => Call($"/api/v1/webhooks/{w.WebhookId}/rotate-secret")),
        new("POST /api/v1/webhooks/{id:long}/ping", Admin, 202, w => Call($"/api/v1/webhooks/{w.WebhookId}/ping")),
        new("GET /api/v1/webhooks/deliveries", Admin, 200, w => Call($"/api/v1/webhooks/deliveries?subscription={w.WebhookId}")),
        new("GET /api/v1/webhooks/deliveries/{id:long}", Admin, 200, w => Call($"/api/v1/webhooks/deliveries/{w.WebhookDeliveryId}")),
        new("GET /api/v1/webhooks/deliveries/{id:long}/attempts", Admin, 200, w => Call($"/api/v1/webhooks/deliveries/{w.WebhookDeliveryId}/attempts")),
        // Past authorization, the world's delivery is a ping still pending: a 409 (replays are tested in DeliveringWebhooks).
        new("POST /api/v1/webhooks/deliveries/{id:long}/replay", Admin, 409, w => Call($"/api/v1/webhooks/deliveries/{w.WebhookDeliveryId}/replay")),

        new("GET /api/v1/graphs", FlowRead, 200, w => Call("/api/v1/graphs")),
        new("POST /api/v1/graphs", FlowManage, 201, w => Call("/api/v1/graphs", new { key = $"made-{w.Next()}", name = "Made" })),
        new("GET /api/v1/graphs/{key}", FlowRead, 200, w => Call("/api/v1/graphs/bag")),
        new("PUT /api/v1/graphs/{key}/draft", FlowManage, 200, w => Call("/api/v1/graphs/drafty/draft", Fixtures.OneTask())),
        new("POST /api/v1/graphs/{key}/validate", FlowManage, 200, w => Call("/api/v1/graphs/drafty/validate")),
        new("POST /api/v1/graphs/{key}/publish", FlowManage, 201, w => Call("/api/v1/graphs/drafty/publish")),
        new("GET /api/v1/graphs/{key}/versions/{n:int}", FlowRead, 200, w => Call("/api/v1/graphs/bag/versions/1")),
        new("GET /api/v1/graphs/{key}/versions/{n:int}/stats", FlowRead, 200, w => Call("/api/v1/graphs/bag/versions/1/stats")),

        new("GET /api/v1/node-presets", FlowRead, 200, w => Call("/api/v1/node-presets")),
        new("PUT /api/v1/node-presets/{key}", FlowManage, 200, w => Call("/api/v1/node-presets/saddle-stitch",
            new { name = $"Saddle stitch {w.Next()}", template = new { type = "task", capability = "stitching", standardMinutes = 40 } })),
        // A refused caller aims at a saved step; one who gets through deletes a step saved for it.
        new("DELETE /api/v1/node-presets/{key}", FlowManage, 200, w => Call("/api/v1/node-presets/saddle-stitch"),
            async (w, _) =>
            {
                var key = $"spare-step-{w.Next()}";
                await w.Api.OkAsync(HttpMethod.Put, $"/api/v1/node-presets/{key}", new { name = "Spare", template = new { type = "task", capability = "x" } });
                return Call($"/api/v1/node-presets/{key}");
            }),

        new("GET /api/v1/jobs", FlowRead, 200, w => Call("/api/v1/jobs")),
        new("POST /api/v1/jobs", FlowManage, 201, w => Call("/api/v1/jobs", new { graph = "bag", quantity = 1, reference = $"M-{w.Next()}" })),
        new("GET /api/v1/jobs/{id:long}", FlowRead, 200, w => Call($"/api/v1/jobs/{w.JobId}")),
        new("POST /api/v1/jobs/{id:long}/replan", FlowManage, 200, w => Call($"/api/v1/jobs/{w.JobId}/replan", new { priority = 3 })),
        new("GET /api/v1/jobs/{id:long}/tokens", FlowRead, 200, w => Call($"/api/v1/jobs/{w.JobId}/tokens")),
        new("GET /api/v1/jobs/{id:long}/events", FlowRead, 200, w => Call($"/api/v1/jobs/{w.JobId}/events")),
        new("POST /api/v1/tokens/{id:long}/cancel", FlowManage, 200, w => Call($"/api/v1/tokens/{w.TokenId}/cancel", new { reason = "permanent" }),
            async (w, _) => Call($"/api/v1/tokens/{await w.FreshTokenAsync()}/cancel", new { reason = "permanent" })),
        new("POST /api/v1/tokens/cancel", FlowManage, 200, w => Call("/api/v1/tokens/cancel", new { tokens = new[] { w.TokenId }, reason = "permanent" }),
            async (w, _) => Call("/api/v1/tokens/cancel", new { tokens = new[] { await w.FreshTokenAsync() }, reason = "permanent" })),

        new("GET /api/v1/work-items", FlowRead, 200, w => Call("/api/v1/work-items")),
        new("GET /api/v1/work-items/{id:long}", FlowRead, 200, w => Call($"/api/v1/work-items/{w.ItemId}")),
        WorkItemCommand("claim", [], new { }),
        WorkItemCommand("start", ["claim"], new { }),
        WorkItemCommand("pause", ["claim", "start"], new { reason = "a break" }),
        WorkItemCommand("resume", ["claim", "start", "pause"], new { }),
        WorkItemCommand("complete", ["claim", "start"], new { }),
        WorkItemCommand("handoff", ["claim"], new { to = "zed", note = "yours" }),
        WorkItemCommand("requeue", ["claim", "start"], new { note = "back to the pool" }),
        // A manager's commands on anyone's work: a caller who gets through acts on an item eve holds.
        new("POST /api/v1/work-items/{id:long}/assign", FlowManage, 200, w => Call($"/api/v1/work-items/{w.ItemId}/assign", new { agent = "zed", version = 1 }),
            async (w, _) => Call($"/api/v1/work-items/{await w.FreshItemAsync("eve", ["claim"])}/assign", new { agent = "zed", note = "yours now", version = 1 })),
        new("POST /api/v1/work-items/{id:long}/route", FlowManage, 404, w => Call("/api/v1/work-items/999999/route", new { requires = new[] { "team:billing" } })),
        new("POST /api/v1/work-items/{id:long}/unassign", FlowManage, 200, w => Call($"/api/v1/work-items/{w.ItemId}/unassign", new { version = 1 }),
            async (w, _) => Call($"/api/v1/work-items/{await w.FreshItemAsync("eve", ["claim", "start"])}/unassign", new { note = "back to the pool", version = 2 })),

        new("GET /api/v1/agents", FlowRead, 200, w => Call("/api/v1/agents")),
        new("POST /api/v1/agents", FlowManage, 201, w => Call("/api/v1/agents", new { key = $"made-{w.Next()}", name = "Made", kind = "person" })),
        new("GET /api/v1/agents/{key}", FlowRead, 200, w => Call("/api/v1/agents/eve")),
        new("PATCH /api/v1/agents/{key}", FlowManage, 200, w => Call("/api/v1/agents/spare", new { name = $"Spare {w.Next()}" })),
        new("GET /api/v1/agents/{key}/queue", FlowRead, 200, w => Call("/api/v1/agents/eve/queue")),

        new("POST /api/v1/messages", FlowManage, 200, w => Call("/api/v1/messages", new { name = "payment.captured", correlationKey = $"M-{w.Next()}" })),
        new("GET /api/v1/inbox", FlowRead, 200, w => Call("/api/v1/inbox")),
        new("POST /api/v1/inbox/{id:long}/resolve", FlowManage, 200, w => Call($"/api/v1/inbox/{w.InboxId}/resolve", new { action = "dismiss" }),
            async (w, _) => Call($"/api/v1/inbox/{await w.FreshInboxEntryAsync()}/resolve", new { action = "dismiss" })),

        new("GET /api/v1/products", ProductionRead, 200, w => Call("/api/v1/products")),
        new("POST /api/v1/products", ProductionManage, 201, w => Call("/api/v1/products", new { key = $"made-{w.Next()}", name = "Made", routing = "bag" })),
        new("GET /api/v1/products/{key}", ProductionRead, 200, w => Call("/api/v1/products/strap")),
        new("PATCH /api/v1/products/{key}", ProductionManage, 200, w => Call("/api/v1/products/strap", new { name = $"Strap {w.Next()}" })),
        .. OrderRules("/api/v1/manufacturing-orders", w => w.OrderId),
        .. OrderRules("/api/v1/atelier-jobs", w => w.AtelierJobId),
        new("GET /api/v1/production/plan", ProductionRead, 200, w => Call("/api/v1/production/plan?days=7")),
        new("GET /api/v1/shift-calendars", ProductionRead, 200, w => Call("/api/v1/shift-calendars")),
        new("PUT /api/v1/shift-calendars/{agent}", ProductionManage, 200, w => Call("/api/v1/shift-calendars/eve",
            new { week = new { monday = new[] { new { start = "08:00", end = "16:00" } } } })),
        new("POST /api/v1/certificates/verify", ProductionRead, 200, w => Call("/api/v1/certificates/verify", new { serial = "MO-00001-001", code = "0000-0000-0000" })),

        new("GET /api/v1/ai/providers", AiRead, 200, w => Call("/api/v1/ai/providers")),
        new("POST /api/v1/ai/providers", AiManage, 201, w => Call("/api/v1/ai/providers",
            new { key = $"made-{w.Next()}", name = "Made", kind = "openai_compatible", baseUrl = "http://127.0.0.1:9/v1" })),
        new("GET /api/v1/ai/providers/{key}", AiRead, 200, w => Call("/api/v1/ai/providers/lab")),
        new("PATCH /api/v1/ai/providers/{key}", AiManage, 200, w => Call("/api/v1/ai/providers/lab", new { name = $"Lab {w.Next()}" })),
        new("DELETE /api/v1/ai/providers/{key}", AiManage, 204, w => Call("/api/v1/ai/providers/lab"),
            async (w, _) => Call($"/api/v1/ai/providers/{await w.FreshProviderAsync()}")),
        new("GET /api/v1/ai/models", AiRead, 200, w => Call("/api/v1/ai/models")),
        new("POST /api/v1/ai/models", AiManage, 201, w => Call("/api/v1/ai/models",
            new { key = $"made-{w.Next()}", kind = "openai_compatible", purpose = "chat", contextWindow = 8192, inputPrice = 0 })),
        new("GET /api/v1/ai/models/{key}", AiRead, 200, w => Call("/api/v1/ai/models/gpt-4o-mini")),
        new("PATCH /api/v1/ai/models/{key}", AiManage, 200, w => Call("/api/v1/ai/models/gpt-4o-mini", new { contextWindow = 128_000 + w.Next() })),
        new("DELETE /api/v1/ai/models/{key}", AiManage, 204, w => Call("/api/v1/ai/models/gpt-4o-mini"),
            async (w, _) => Call($"/api/v1/ai/models/{await w.FreshModelAsync()}")),
        new("GET /api/v1/ai/agents", AiRead, 200, w => Call("/api/v1/ai/agents")),
        new("POST /api/v1/ai/agents", AiManage, 201, w => Call("/api/v1/ai/agents", new { agent = "bot", models = new[] { "gpt-4o-mini" } }),
            async (w, _) => Call("/api/v1/ai/agents", new { agent = await w.FreshAiAgentAsync(), models = new[] { "gpt-4o-mini" } })),
        new("GET /api/v1/ai/agents/{key}", AiRead, 200, w => Call("/api/v1/ai/agents/bot")),
        new("PATCH /api/v1/ai/agents/{key}", AiManage, 200, w => Call("/api/v1/ai/agents/bot", new { description = $"Bot {w.Next()}" })),
        // Past authorization, a chain no provider serves is a 422 (runs against a provider are in RunningAiAgents).
        new("POST /api/v1/ai/agents/{key}/runs", AiRun, 422, w => Call("/api/v1/ai/agents/bot/runs", new { input = "Hello" })),
        new("POST /api/v1/ai/agents/{key}/runs/stream", AiRun, 422, w => Call("/api/v1/ai/agents/bot/runs/stream", new { input = "Hello" })),
        new("GET /api/v1/ai/runs", AiRead, 200, w => Call("/api/v1/ai/runs")),
        new("GET /api/v1/ai/costs", AiRead, 200, w => Call("/api/v1/ai/costs?by=agent")),
        new("GET /api/v1/ai/costs.csv", AiRead, 200, w => Call("/api/v1/ai/costs.csv")),
        new("GET /api/v1/ai/costs/daily", AiRead, 200, w => Call("/api/v1/ai/costs/daily?by=model")),
        new("GET /v1/models", AiRead, 200, w => Call("/v1/models")),
        new("POST /v1/chat/completions", AiRun, 422, w => Call("/v1/chat/completions", new { model = "bot", messages = new[] { new { role = "user", content = "Hello" } } })),
        new("GET /api/v1/ai/agents/{key}/persona", AiRead, 200, w => Call("/api/v1/ai/agents/bot/persona")),
        new("PUT /api/v1/ai/agents/{key}/persona/draft", AiManage, 200, w => Call("/api/v1/ai/agents/bot/persona/draft", new { instructions = $"Be kind {w.Next()}." })),
        new("POST /api/v1/ai/agents/{key}/persona/publish", AiManage, 200, w => Call("/api/v1/ai/agents/bot/persona/publish", new { }),
            async (w, _) =>
            {
                await w.Api.OkAsync(HttpMethod.Put, "/api/v1/ai/agents/bot/persona/draft", new { instructions = $"Be brief {w.Next()}." });
                return Call("/api/v1/ai/agents/bot/persona/publish", new { note = "matrix" });
            }),
        new("POST /api/v1/ai/agents/{key}/persona/versions/{number:int}/activate", AiManage, 200, w => Call("/api/v1/ai/agents/bot/persona/versions/1/activate")),
        new("GET /api/v1/ai/agents/{key}/persona/diff", AiRead, 200, w => Call("/api/v1/ai/agents/bot/persona/diff?from=1&to=draft")),
        new("GET /api/v1/ai/runs/{id:long}", AiRead, 404, w => Call("/api/v1/ai/runs/999999")),
        new("GET /api/v1/ai/threads", AiRead, 200, w => Call("/api/v1/ai/threads")),
        new("GET /api/v1/ai/threads/{id:long}", AiRead, 404, w => Call("/api/v1/ai/threads/999999")),
        new("GET /api/v1/ai/knowledge", AiRead, 200, w => Call("/api/v1/ai/knowledge")),
        new("POST /api/v1/ai/knowledge", AiManage, 201, w => Call("/api/v1/ai/knowledge", new { key = $"kb-{w.Next()}", name = "Made" })),
        new("GET /api/v1/ai/knowledge/{key}", AiRead, 200, w => Call("/api/v1/ai/knowledge/docs")),
        new("PATCH /api/v1/ai/knowledge/{key}", AiManage, 200, w => Call("/api/v1/ai/knowledge/docs", new { name = $"Docs {w.Next()}" })),
        new("DELETE /api/v1/ai/knowledge/{key}", AiManage, 204, w => Call("/api/v1/ai/knowledge/docs"),
            async (w, _) => Call($"/api/v1/ai/knowledge/{await w.FreshKnowledgeBaseAsync()}")),
        new("POST /api/v1/ai/knowledge/{key}/search", AiRead, 200, w => Call("/api/v1/ai/knowledge/docs/search", new { query = "refunds" })),
        new("GET /api/v1/ai/knowledge/{key}/documents", AiRead, 200, w => Call("/api/v1/ai/knowledge/docs/documents")),
        new("GET /api/v1/ai/knowledge/{key}/documents/{id:long}", AiRead, 404, w => Call("/api/v1/ai/knowledge/docs/documents/999999")),
        // Past authorization, a JSON body is not an upload (uploads are in AnsweringFromKnowledge).
        new("POST /api/v1/ai/knowledge/{key}/documents", AiManage, 400, w => Call("/api/v1/ai/knowledge/docs/documents", new { file = "x" })),
        new("DELETE /api/v1/ai/knowledge/{key}/documents/{id:long}", AiManage, 404, w => Call("/api/v1/ai/knowledge/docs/documents/999999")),
        new("GET /api/v1/ai/patterns", AiRead, 200, w => Call("/api/v1/ai/patterns")),
        new("GET /api/v1/ai/patterns/{graph}", AiRead, 404, w => Call("/api/v1/ai/patterns/none")),
        new("POST /api/v1/ai/patterns", AiManage, 200, w => Call("/api/v1/ai/patterns",
            new { graph = $"pattern-{w.Next()}", kind = "sequential", agents = new[] { new { key = "step", capability = "writing" } } })),
        new("GET /api/v1/support/conversations", SupportRead, 200, w => Call("/api/v1/support/conversations")),
        new("POST /api/v1/support/conversations", SupportAnswer, 201, w => Call("/api/v1/support/conversations",
            new { customer = new { email = $"c{w.Next()}@matrix.test" }, message = "Where is my order?" })),
        new("GET /api/v1/support/conversations/{id:long}", SupportRead, 404, w => Call("/api/v1/support/conversations/999999")),
        new("POST /api/v1/support/conversations/{id:long}/messages", SupportAnswer, 404, w => Call("/api/v1/support/conversations/999999/messages",
            new { kind = "agent", body = "Hello" })),
        new("POST /api/v1/support/conversations/{id:long}/status", SupportAnswer, 404, w => Call("/api/v1/support/conversations/999999/status",
            new { status = "solved" })),
        new("PATCH /api/v1/support/conversations/{id:long}", SupportAnswer, 404, w => Call("/api/v1/support/conversations/999999", new { priority = "high" })),
        new("GET /api/v1/support/conversations/{id:long}/presence", SupportRead, 200, w => Call("/api/v1/support/conversations/999999/presence")),
        new("PUT /api/v1/support/conversations/{id:long}/presence", SupportRead, 404, w => Call("/api/v1/support/conversations/999999/presence", new { typing = true })),
        new("DELETE /api/v1/support/conversations/{id:long}/presence", SupportRead, 204, w => Call("/api/v1/support/conversations/999999/presence")),
        new("GET /api/v1/support/conversations/{id:long}/macros/{macroId:long}/preview", SupportRead, 404,
            w => Call("/api/v1/support/conversations/999999/macros/999999/preview")),
        new("POST /api/v1/support/conversations/{id:long}/macros/{macroId:long}", SupportAnswer, 404, w => Call("/api/v1/support/conversations/999999/macros/999999", new { })),
        new("GET /api/v1/market/me", MarketRead, 200, w => Call("/api/v1/market/me")),
        new("GET /api/v1/market/organizations", MarketRead, 200, w => Call("/api/v1/market/organizations")),
        new("GET /api/v1/market/organizations/{id:long}", MarketRead, 404, w => Call("/api/v1/market/organizations/999999")),
        new("POST /api/v1/market/organizations", MarketOperate, 201, w => Call("/api/v1/market/organizations",
            new { key = $"org-{w.Next()}", name = "Made Org", kind = "buyer", country = "CL" })),
        new("PUT /api/v1/market/organizations/{id:long}", MarketTrade, 404, w => Call("/api/v1/market/organizations/999999", new { name = "Nowhere", country = "CL" })),
        new("GET /api/v1/market/organizations/{id:long}/members", MarketRead, 404, w => Call("/api/v1/market/organizations/999999/members")),
        new("POST /api/v1/market/organizations/{id:long}/members", MarketTrade, 404, w => Call("/api/v1/market/organizations/999999/members",
            new { email = w.ViewerEmail, role = "buyer" })),
        new("DELETE /api/v1/market/organizations/{id:long}/members/{userId:long}", MarketTrade, 404, w => Call($"/api/v1/market/organizations/999999/members/{w.ViewerId}")),
        // RFQs: a missing (or foreign) RFQ or quote is a 404 past authorization; what each organization may do is in TradingByRfq.
        new("GET /api/v1/market/rfqs", MarketRead, 200, w => Call("/api/v1/market/rfqs")),
        new("GET /api/v1/market/rfqs/{id:long}", MarketRead, 404, w => Call("/api/v1/market/rfqs/999999")),
        // Past authorization, an empty RFQ is refused for its fields (whoever writes it).
        new("POST /api/v1/market/rfqs", MarketTrade, 400, w => Call("/api/v1/market/rfqs", new { })),
        new("POST /api/v1/market/rfqs/{id:long}/invitations", MarketTrade, 404, w => Call("/api/v1/market/rfqs/999999/invitations", new { suppliers = new[] { 1 } })),
        new("GET /api/v1/market/rfqs/{id:long}/history", MarketRead, 404, w => Call("/api/v1/market/rfqs/999999/history")),
        new("POST /api/v1/market/rfqs/{id:long}/files", MarketTrade, 400, w => Call("/api/v1/market/rfqs/999999/files", new { })),
        new("GET /api/v1/market/rfqs/{id:long}/files/{fileId:long}", MarketRead, 404, w => Call("/api/v1/market/rfqs/999999/files/1")),
        new("DELETE /api/v1/market/rfqs/{id:long}/files/{fileId:long}", MarketTrade, 404, w => Call("/api/v1/market/rfqs/999999/files/1")),
        new("GET /api/v1/market/overview", MarketOperate, 200, w => Call("/api/v1/market/overview")),
        new("POST /api/v1/market/rfqs/{id:long}/cancel", MarketTrade, 404, w => Call("/api/v1/market/rfqs/999999/cancel", new { reason = "Project shelved" })),
        new("PUT /api/v1/market/rfqs/{id:long}/deadline", MarketTrade, 404, w => Call("/api/v1/market/rfqs/999999/deadline", new { closesAt = "2027-01-15T00:00:00Z" })),
        new("POST /api/v1/market/rfqs/{id:long}/questions", MarketTrade, 404, w => Call("/api/v1/market/rfqs/999999/questions", new { text = "Which assay?" })),
        new("POST /api/v1/market/rfqs/{id:long}/questions/{questionId:long}/answer", MarketTrade, 404,
            w => Call("/api/v1/market/rfqs/999999/questions/999999/answer", new { answer = "ICP-OES" })),
        new("PUT /api/v1/market/rfqs/{id:long}/quote", MarketTrade, 404, w => Call("/api/v1/market/rfqs/999999/quote", new
        {
            currency = "USD", incoterm = "FOB", origin = "CLMJS", validUntil = "2027-06-30T00:00:00Z", leadTimeDays = 30,
            lines = new[] { new { line = 1, price = 12000, quantity = 100 } },
        })),
        new("GET /api/v1/market/rfqs/{id:long}/quotes", MarketRead, 404, w => Call("/api/v1/market/rfqs/999999/quotes")),
        new("GET /api/v1/market/rfqs/{id:long}/comparison", MarketRead, 404, w => Call("/api/v1/market/rfqs/999999/comparison")),
        new("GET /api/v1/market/rfqs/{id:long}/comparison.csv", MarketRead, 404, w => Call("/api/v1/market/rfqs/999999/comparison.csv")),
        new("GET /api/v1/market/rfqs/{id:long}/awards", MarketRead, 404, w => Call("/api/v1/market/rfqs/999999/awards")),
        new("POST /api/v1/market/rfqs/{id:long}/awards", MarketTrade, 404, w => Call("/api/v1/market/rfqs/999999/awards",
            new { awards = new[] { new { line = 1, quote = 1, quantity = 10 } } })),
        new("GET /api/v1/market/quotes", MarketRead, 200, w => Call("/api/v1/market/quotes")),
        new("GET /api/v1/market/quotes/{id:long}", MarketRead, 404, w => Call("/api/v1/market/quotes/999999")),
        new("GET /api/v1/market/notices", MarketRead, 200, w => Call("/api/v1/market/notices")),
        new("GET /api/v1/market/freight-rates", MarketRead, 200, w => Call("/api/v1/market/freight-rates")),
        new("PUT /api/v1/market/freight-rates", MarketOperate, 200, w => Call("/api/v1/market/freight-rates",
            new { origin = "CLMJS", destination = $"DEHAM{w.Next()}", incoterm = "FOB", perTonne = 85 })),
        new("DELETE /api/v1/market/freight-rates/{id:long}", MarketOperate, 404, w => Call("/api/v1/market/freight-rates/999999")),
        new("GET /api/v1/market/currency-rates", MarketRead, 200, w => Call("/api/v1/market/currency-rates")),
        new("PUT /api/v1/market/currency-rates/{currency}", MarketOperate, 200, w => Call("/api/v1/market/currency-rates/CNY", new { rate = 0.14 })),

        new("GET /api/v1/market/auctions", MarketRead, 200, w => Call("/api/v1/market/auctions")),
        new("GET /api/v1/market/auctions/{id:long}", MarketRead, 404, w => Call("/api/v1/market/auctions/999999")),
        new("POST /api/v1/market/auctions", MarketTrade, 403, w => Call("/api/v1/market/auctions", new
        {
            title = "Lot", kind = "reverse", format = "english", material = "lithium carbonate", quantity = 10, unit = "t", currency = "USD", startingPrice = 100,
            stepAmount = 1, startsAt = DateTime.UtcNow.AddDays(1), endsAt = DateTime.UtcNow.AddDays(2), participants = new[] { 1 },
        })),
        new("POST /api/v1/market/auctions/{id:long}/cancel", MarketTrade, 404, w => Call("/api/v1/market/auctions/999999/cancel")),
        new("GET /api/v1/market/auctions/{id:long}/bids", MarketRead, 404, w => Call("/api/v1/market/auctions/999999/bids")),
        new("GET /api/v1/market/auctions/{id:long}/bids.csv", MarketRead, 404, w => Call("/api/v1/market/auctions/999999/bids.csv")),
        new("POST /api/v1/market/auctions/{id:long}/bids", MarketTrade, 404, w => Call("/api/v1/market/auctions/999999/bids", new { price = 10 })),
        new("GET /api/v1/market/deals", MarketRead, 200, w => Call("/api/v1/market/deals")),
        new("GET /api/v1/market/deals/{id:long}", MarketRead, 404, w => Call("/api/v1/market/deals/999999")),
        new("POST /api/v1/market/deals/{id:long}/delivered", MarketTrade, 404, w => Call("/api/v1/market/deals/999999/delivered")),
        new("POST /api/v1/market/deals/{id:long}/reviews", MarketTrade, 404, w => Call("/api/v1/market/deals/999999/reviews", new { quality = 5, onTime = 5, communication = 5 })),
        new("GET /api/v1/market/organizations/{id:long}/reviews", MarketRead, 404, w => Call("/api/v1/market/organizations/999999/reviews")),
        new("GET /api/v1/market/suppliers", MarketRead, 200, w => Call("/api/v1/market/suppliers?material=lithium-carbonate")),
        new("GET /api/v1/market/suppliers/{id:long}", MarketRead, 404, w => Call("/api/v1/market/suppliers/999999")),
        new("PUT /api/v1/market/suppliers/{id:long}", MarketTrade, 404, w => Call("/api/v1/market/suppliers/999999", new { headline = "Nowhere" })),
        new("POST /api/v1/market/suppliers/{id:long}/products", MarketTrade, 404, w => Call("/api/v1/market/suppliers/999999/products",
            new { material = "lithium-carbonate", grade = "battery", purity = 99.5 })),
        new("DELETE /api/v1/market/suppliers/{id:long}/products/{product:long}", MarketTrade, 404, w => Call("/api/v1/market/suppliers/999999/products/1")),
        // Past authorization, a certificate without its dates is refused before anything is looked up.
        new("POST /api/v1/market/suppliers/{id:long}/certifications", MarketTrade, 400, w => Call("/api/v1/market/suppliers/999999/certifications", new { })),
        new("DELETE /api/v1/market/suppliers/{id:long}/certifications/{certification:long}", MarketTrade, 404,
            w => Call("/api/v1/market/suppliers/999999/certifications/1")),
        new("POST /api/v1/market/suppliers/{id:long}/documents", MarketTrade, 400, w => Call("/api/v1/market/suppliers/999999/documents", new { })),
        new("GET /api/v1/market/suppliers/{id:long}/documents/{document:long}", MarketRead, 404, w => Call("/api/v1/market/suppliers/999999/documents/1")),
        new("DELETE /api/v1/market/suppliers/{id:long}/documents/{document:long}", MarketTrade, 404, w => Call("/api/v1/market/suppliers/999999/documents/1")),
        new("GET /api/v1/market/applications", MarketRead, 200, w => Call("/api/v1/market/applications")),
        new("GET /api/v1/market/applications/{id:long}", MarketRead, 404, w => Call("/api/v1/market/applications/999999")),
        new("POST /api/v1/market/applications", MarketTrade, 404, w => Call("/api/v1/market/applications", new { organization = 999999 })),
        new("POST /api/v1/market/applications/{id:long}/check", MarketOperate, 404, w => Call("/api/v1/market/applications/999999/check", new { passed = true })),
        new("POST /api/v1/market/applications/{id:long}/decision", MarketOperate, 404,
            w => Call("/api/v1/market/applications/999999/decision", new { decision = "approve" })),
        new("GET /api/v1/market/threads", MarketRead, 200, w => Call("/api/v1/market/threads")),
        new("POST /api/v1/market/threads", MarketTrade, 400, w => Call("/api/v1/market/threads", new { })),
        new("GET /api/v1/market/threads/{id:long}", MarketRead, 404, w => Call("/api/v1/market/threads/999999")),
        new("POST /api/v1/market/threads/{id:long}/messages", MarketTrade, 404, w => Call("/api/v1/market/threads/999999/messages", new { text = "Hello" })),
        new("GET /api/v1/market/threads/{id:long}/attachments/{attachmentId:long}", MarketRead, 404, w => Call("/api/v1/market/threads/999999/attachments/1")),
        new("POST /api/v1/market/threads/{id:long}/meetings", MarketTrade, 400, w => Call("/api/v1/market/threads/999999/meetings", new { })),
        new("GET /api/v1/market/meetings/{id:long}", MarketRead, 404, w => Call("/api/v1/market/meetings/999999")),
        new("GET /api/v1/market/meetings/{id:long}.ics", MarketRead, 404, w => Call("/api/v1/market/meetings/999999.ics")),
        new("POST /api/v1/market/meetings/{id:long}/accept", MarketTrade, 404, w => Call("/api/v1/market/meetings/999999/accept")),
        new("POST /api/v1/market/meetings/{id:long}/decline", MarketTrade, 404, w => Call("/api/v1/market/meetings/999999/decline")),
        new("POST /api/v1/market/meetings/{id:long}/cancel", MarketTrade, 404, w => Call("/api/v1/market/meetings/999999/cancel")),
        new("GET /api/v1/market/settings/video", MarketOperate, 200, w => Call("/api/v1/market/settings/video")),
        new("PUT /api/v1/market/settings/video", MarketOperate, 200, w => Call("/api/v1/market/settings/video", new { urlTemplate = "https://meet.jit.si/weft-{room}" })),

        new("GET /api/v1/support/macros", SupportRead, 200, w => Call("/api/v1/support/macros")),
        new("GET /api/v1/support/macros/{id:long}", SupportRead, 404, w => Call("/api/v1/support/macros/999999")),
        new("POST /api/v1/support/macros", SupportManage, 201, w => Call("/api/v1/support/macros", new { title = $"Macro {w.Next()}", body = "Hello {{customer.first_name}}" })),
        new("PUT /api/v1/support/macros/{id:long}", SupportManage, 404, w => Call("/api/v1/support/macros/999999", new { title = "Nowhere", body = "Hello" })),
        new("DELETE /api/v1/support/macros/{id:long}", SupportManage, 404, w => Call("/api/v1/support/macros/999999")),
        new("PATCH /api/v1/support/conversations/{id:long}/team", SupportAnswer, 404, w => Call("/api/v1/support/conversations/999999/team",
            new { team = "billing" })),
        new("POST /api/v1/support/conversations/{id:long}/team", SupportAnswer, 404, w => Call("/api/v1/support/conversations/999999/team",
            new { team = "billing" })),
        new("GET /api/v1/support/teams", SupportRead, 200, w => Call("/api/v1/support/teams")),
        new("GET /api/v1/support/teams/{key}", SupportRead, 404, w => Call("/api/v1/support/teams/nowhere")),
        new("PUT /api/v1/support/teams/{key}", SupportManage, 200, w => Call("/api/v1/support/teams/billing", new { name = $"Billing {w.Next()}" })),
        new("DELETE /api/v1/support/teams/{key}", SupportManage, 404, w => Call("/api/v1/support/teams/nowhere")),
        new("PUT /api/v1/support/teams/{key}/members/{agent}", SupportManage, 404, w => Call("/api/v1/support/teams/nowhere/members/eve")),
        new("DELETE /api/v1/support/teams/{key}/members/{agent}", SupportManage, 404, w => Call("/api/v1/support/teams/nowhere/members/eve")),
        new("GET /api/v1/support/routing-rules", SupportRead, 200, w => Call("/api/v1/support/routing-rules")),
        new("PUT /api/v1/support/routing-rules/{intent}", SupportManage, 422, w => Call("/api/v1/support/routing-rules/refund", new { team = "nowhere" })),
        new("DELETE /api/v1/support/routing-rules/{intent}", SupportManage, 404, w => Call("/api/v1/support/routing-rules/nowhere")),
        new("GET /api/v1/support/customers", SupportRead, 200, w => Call("/api/v1/support/customers")),
        new("GET /api/v1/support/customers/{id:long}", SupportRead, 404, w => Call("/api/v1/support/customers/999999")),
        new("PATCH /api/v1/support/customers/{id:long}", SupportAnswer, 404, w => Call("/api/v1/support/customers/999999", new { name = "Nobody" })),
        new("POST /api/v1/support/customers/{id:long}/merge", SupportAnswer, 404, w => Call("/api/v1/support/customers/999999/merge", new { into = 999998 })),
        new("GET /api/v1/commerce/products", CommerceRead, 200, w => Call("/api/v1/commerce/products")),
        new("GET /api/v1/commerce/products/{key}", CommerceRead, 200, w => Call("/api/v1/commerce/products/tee")),
        new("POST /api/v1/commerce/products", CommerceManage, 201, w => Call("/api/v1/commerce/products", new { key = "tee", name = "Tee", unit = "unit", variants = new[] { new { sku = "TEE" } } }),
            (w, _) => Task.FromResult(Call("/api/v1/commerce/products", new { key = $"p-{w.Next()}", name = "Made", unit = "unit", variants = new[] { new { sku = $"SKU-{w.Next()}" } } }))),
        new("GET /api/v1/commerce/products.csv", CommerceRead, 200, w => Call("/api/v1/commerce/products.csv")),
        // Past authorization, a JSON body is no file (imports are tested in ImportingTheCatalog).
        new("POST /api/v1/commerce/products/import", CommerceManage, 400, w => Call("/api/v1/commerce/products/import", new { file = "x" })),
        new("GET /api/v1/commerce/units", CommerceRead, 200, w => Call("/api/v1/commerce/units")),
        new("GET /api/v1/commerce/warehouses", CommerceRead, 200, w => Call("/api/v1/commerce/warehouses")),
        new("POST /api/v1/commerce/warehouses", CommerceManage, 201, w => Call("/api/v1/commerce/warehouses", new { key = "main", name = "Main" }),
            (w, _) => Task.FromResult(Call("/api/v1/commerce/warehouses", new { key = $"wh-{w.Next()}", name = "Made" }))),
        new("GET /api/v1/commerce/warehouses/{key}/locations", CommerceRead, 200, w => Call("/api/v1/commerce/warehouses/main/locations")),
        new("POST /api/v1/commerce/warehouses/{key}/locations", CommerceManage, 201, w => Call("/api/v1/commerce/warehouses/main/locations", new { code = "R", type = "storage" }),
            (w, _) => Task.FromResult(Call("/api/v1/commerce/warehouses/main/locations", new { code = $"B-{w.Next()}", type = "storage" }))),
        new("POST /api/v1/commerce/moves", CommerceMove, 201,
            w => Call("/api/v1/commerce/moves", new { reason = "receipt", lines = new[] { new { sku = "TEE", quantity = 1, to = "main/R", unitCost = 1m } } })),
        new("GET /api/v1/commerce/moves", CommerceRead, 200, w => Call("/api/v1/commerce/moves")),
        new("GET /api/v1/commerce/moves.csv", CommerceRead, 200, w => Call("/api/v1/commerce/moves.csv")),
        new("GET /api/v1/commerce/stock", CommerceRead, 200, w => Call("/api/v1/commerce/stock")),
        new("POST /api/v1/commerce/reservations", CommerceMove, 201,
            w => Call("/api/v1/commerce/reservations", new { sku = "TEE", location = "main/R", quantity = 1, reference = "SO-1" })),
        new("POST /api/v1/commerce/reservations/{id:long}/release", CommerceMove, 404, w => Call("/api/v1/commerce/reservations/999999/release")),
        new("GET /api/v1/commerce/reservations", CommerceRead, 200, w => Call("/api/v1/commerce/reservations")),
        new("POST /api/v1/commerce/counts", CommerceMove, 201, w => Call("/api/v1/commerce/counts", new { location = "main/R", lines = new[] { new { sku = "TEE", counted = 1000 } } })),
        new("GET /api/v1/commerce/counts", CommerceRead, 200, w => Call("/api/v1/commerce/counts")),
        new("GET /api/v1/commerce/counts/{id:long}", CommerceRead, 404, w => Call("/api/v1/commerce/counts/999999")),
        new("POST /api/v1/commerce/counts/{id:long}/approve", CommerceManage, 404, w => Call("/api/v1/commerce/counts/999999/approve", new { })),
        new("POST /api/v1/commerce/counts/{id:long}/reject", CommerceManage, 404, w => Call("/api/v1/commerce/counts/999999/reject", new { note = "wrong" })),
        new("GET /api/v1/commerce/suppliers", CommerceRead, 200, w => Call("/api/v1/commerce/suppliers")),
        new("GET /api/v1/commerce/suppliers/{key}", CommerceRead, 200, w => Call("/api/v1/commerce/suppliers/acme")),
        new("POST /api/v1/commerce/suppliers", CommercePurchase, 201, w => Call("/api/v1/commerce/suppliers", new { key = "bolt", name = "Bolt", email = "b@bolt.test" }),
            (w, _) => Task.FromResult(Call("/api/v1/commerce/suppliers", new { key = $"s-{w.Next()}", name = "Made", email = "m@made.test" }))),
        new("PUT /api/v1/commerce/suppliers/{key}", CommercePurchase, 409, w => Call("/api/v1/commerce/suppliers/acme", new { version = 999 })),
        new("PUT /api/v1/commerce/suppliers/{key}/products", CommercePurchase, 200,
            w => Call("/api/v1/commerce/suppliers/acme/products", new { sku = "TEE", unitPrice = 1m })),
        new("GET /api/v1/commerce/replenishment/rules", CommerceRead, 200, w => Call("/api/v1/commerce/replenishment/rules")),
        new("PUT /api/v1/commerce/replenishment/rules", CommercePurchase, 200,
            w => Call("/api/v1/commerce/replenishment/rules", new { sku = "TEE", warehouse = "main", policy = "min_max", min = 1, max = 2 })),
        new("POST /api/v1/commerce/replenishment/plan", CommercePurchase, 200, w => Call("/api/v1/commerce/replenishment/plan", new { })),
        new("GET /api/v1/commerce/replenishment/suggestions", CommerceRead, 200, w => Call("/api/v1/commerce/replenishment/suggestions")),
        new("GET /api/v1/commerce/replenishment/suggestions/{id:long}", CommerceRead, 404, w => Call("/api/v1/commerce/replenishment/suggestions/999999")),
        new("POST /api/v1/commerce/replenishment/suggestions/{id:long}/approve", CommercePurchase, 404,
            w => Call("/api/v1/commerce/replenishment/suggestions/999999/approve", new { version = 1 })),
        new("POST /api/v1/commerce/replenishment/suggestions/{id:long}/reject", CommercePurchase, 404,
            w => Call("/api/v1/commerce/replenishment/suggestions/999999/reject", new { version = 1 })),
        new("POST /api/v1/commerce/replenishment/suggestions/order", CommercePurchase, 200, w => Call("/api/v1/commerce/replenishment/suggestions/order", new { })),
        new("POST /api/v1/commerce/replenishment/schedule", CommercePurchase, 200, w => Call("/api/v1/commerce/replenishment/schedule", new { day = "2026-11-10" })),
        new("GET /api/v1/commerce/asns", CommerceRead, 200, w => Call("/api/v1/commerce/asns")),
        new("GET /api/v1/commerce/asns/{id:long}", CommerceRead, 404, w => Call("/api/v1/commerce/asns/999999")),
        new("POST /api/v1/commerce/asns", CommercePurchase, 422, w => Call("/api/v1/commerce/asns",
            new { purchaseOrder = 999999, expectedAt = "2026-12-01T10:00:00Z", lines = new[] { new { sku = "TEE", quantity = 1 } } })),
        new("POST /api/v1/commerce/asns/{id:long}/receive", CommerceMove, 404,
            w => Call("/api/v1/commerce/asns/999999/receive", new { lines = new[] { new { sku = "TEE", received = 1 } } })),
        new("POST /api/v1/commerce/asns/{id:long}/inspect", CommerceMove, 404,
            w => Call("/api/v1/commerce/asns/999999/inspect", new { lines = new[] { new { line = 1, results = Array.Empty<object>() } } })),
        new("POST /api/v1/commerce/asns/{id:long}/putaways/{task:long}/confirm", CommerceMove, 404,
            w => Call("/api/v1/commerce/asns/999999/putaways/1/confirm", new { bin = "main/R" })),
        new("GET /api/v1/commerce/supplier-returns", CommerceRead, 200, w => Call("/api/v1/commerce/supplier-returns")),
        new("POST /api/v1/commerce/supplier-returns/{id:long}/ship", CommerceMove, 404, w => Call("/api/v1/commerce/supplier-returns/999999/ship", new { version = 1 })),
        new("GET /api/v1/commerce/products/{key}/qc-rule", CommerceRead, 200, w => Call("/api/v1/commerce/products/tee/qc-rule")),
        new("PUT /api/v1/commerce/products/{key}/qc-rule", CommerceManage, 200, w => Call("/api/v1/commerce/products/tee/qc-rule", new { rule = "none" })),
        new("GET /api/v1/commerce/putaway-rules", CommerceRead, 200, w => Call("/api/v1/commerce/putaway-rules")),
        new("PUT /api/v1/commerce/putaway-rules", CommerceManage, 422, w => Call("/api/v1/commerce/putaway-rules", new { kind = "fixed_bin", location = "main/R", sku = "TEE" })),
        new("GET /api/v1/commerce/purchase-orders", CommerceRead, 200, w => Call("/api/v1/commerce/purchase-orders")),
        new("GET /api/v1/commerce/purchase-orders/{id:long}", CommerceRead, 404, w => Call("/api/v1/commerce/purchase-orders/999999")),
        new("GET /api/v1/commerce/purchase-orders/{id:long}/pdf", CommerceRead, 404, w => Call("/api/v1/commerce/purchase-orders/999999/pdf")),
        new("POST /api/v1/commerce/purchase-orders", CommercePurchase, 201,
            w => Call("/api/v1/commerce/purchase-orders", new { supplier = "acme", warehouse = "main", lines = new[] { new { sku = "TEE", quantity = 5 } } })),
        new("POST /api/v1/commerce/purchase-orders/{id:long}/approve", CommercePurchase, 404, w => Call("/api/v1/commerce/purchase-orders/999999/approve", new { version = 1 })),
        new("POST /api/v1/commerce/purchase-orders/{id:long}/send", CommercePurchase, 404, w => Call("/api/v1/commerce/purchase-orders/999999/send", new { version = 1 })),
        new("POST /api/v1/commerce/purchase-orders/{id:long}/cancel", CommercePurchase, 404, w => Call("/api/v1/commerce/purchase-orders/999999/cancel", new { version = 1 })),
        new("POST /api/v1/commerce/purchase-orders/{id:long}/close", CommercePurchase, 404, w => Call("/api/v1/commerce/purchase-orders/999999/close", new { version = 1 })),

        // Past authorization, a JSON body is no CSV file (400); training with no examples is refused by its rule (422); no model yet classifies (409).
        new("POST /api/v1/support/triage/examples", SupportManage, 400, w => Call("/api/v1/support/triage/examples", new { file = "x" })),
        new("GET /api/v1/support/triage/examples", SupportRead, 200, w => Call("/api/v1/support/triage/examples")),
        new("DELETE /api/v1/support/triage/examples", SupportManage, 200, w => Call("/api/v1/support/triage/examples?intent=none_here")),
        new("POST /api/v1/support/triage/train", SupportManage, 422, w => Call("/api/v1/support/triage/train", new { })),
        new("GET /api/v1/support/triage/models", SupportRead, 200, w => Call("/api/v1/support/triage/models")),
        new("GET /api/v1/support/triage/models/active", SupportRead, 404, w => Call("/api/v1/support/triage/models/active")),
        new("POST /api/v1/support/triage/classify", SupportRead, 409, w => Call("/api/v1/support/triage/classify", new { text = "where is my card" })),

        new("GET /api/v1/support/calendars", SupportRead, 200, w => Call("/api/v1/support/calendars")),
        new("PUT /api/v1/support/calendars/{key}", SupportManage, 200, w => Call("/api/v1/support/calendars/office",
            new { name = "Office", timeZone = "Europe/Lisbon", hours = new { mon = new[] { new { from = "09:00", to = "17:00" } } } })),
        new("DELETE /api/v1/support/calendars/{key}", SupportManage, 404, w => Call("/api/v1/support/calendars/nowhere")),
        new("GET /api/v1/support/sla-policies", SupportRead, 200, w => Call("/api/v1/support/sla-policies")),
        new("PUT /api/v1/support/sla-policies/{key}", SupportManage, 200, w => Call("/api/v1/support/sla-policies/standard", new { name = "Standard", firstReplyMinutes = 60 })),
        new("DELETE /api/v1/support/sla-policies/{key}", SupportManage, 404, w => Call("/api/v1/support/sla-policies/nowhere")),
        new("GET /api/v1/support/ai-policies", SupportRead, 200, w => Call("/api/v1/support/ai-policies")),
        new("PUT /api/v1/support/ai-policies/{intent}", SupportManage, 200, w => Call("/api/v1/support/ai-policies/refund", new { mode = "verify" })),
        new("DELETE /api/v1/support/ai-policies/{intent}", SupportManage, 404, w => Call("/api/v1/support/ai-policies/nowhere")),
        // Asked before any mailbox is saved (the next row saves one); the webhook wants a raw mail, so JSON is a 400 past authorization.
        new("GET /api/v1/support/mailbox", SupportManage, 404, w => Call("/api/v1/support/mailbox")),
        new("PUT /api/v1/support/mailbox", SupportManage, 200, w => Call("/api/v1/support/mailbox", new { address = "support@matrix.test", smtpHost = "127.0.0.1" })),
        new("POST /api/v1/support/email/inbound", SupportAnswer, 400, w => Call("/api/v1/support/email/inbound", new { })),

        // The chat widget's API is public (a conversation's token, not a sign-in, reaches it); live channels answer 400 to a plain GET.
        new("POST /api/v1/support/widget/{tenant}/conversations", Anonymous, 201, w => Call("/api/v1/support/widget/default/conversations", new { message = "Hi" })),
        new("GET /api/v1/support/widget/{tenant}/conversations/{id:long}", Anonymous, 404, w => Call("/api/v1/support/widget/default/conversations/999999?token=x")),
        new("POST /api/v1/support/widget/{tenant}/conversations/{id:long}/messages", Anonymous, 404,
            w => Call("/api/v1/support/widget/default/conversations/999999/messages?token=x", new { body = "Hi" })),
        new("POST /api/v1/support/widget/{tenant}/conversations/{id:long}/rating", Anonymous, 404,
            w => Call("/api/v1/support/widget/default/conversations/999999/rating?token=x", new { score = 5 })),
        new("GET /api/v1/support/widget/{tenant}/conversations/{id:long}/live", Anonymous, 400, w => Call("/api/v1/support/widget/default/conversations/999999/live?token=x")),
        new("GET /api/v1/support/live", SupportRead, 400, w => Call("/api/v1/support/live")),
        new("POST /api/v1/support/uploads", SupportAnswer, 400, w => Call("/api/v1/support/uploads", new { })),
        new("GET /api/v1/support/attachments/{id:long}", SupportRead, 404, w => Call("/api/v1/support/attachments/999999")),
        new("GET /api/v1/support/attachment-limits", SupportRead, 200, w => Call("/api/v1/support/attachment-limits")),
        new("PUT /api/v1/support/attachment-limits", SupportManage, 200, w => Call("/api/v1/support/attachment-limits", new { maxFilesPerMessage = 5 })),
        new("POST /api/v1/support/widget/{tenant}/conversations/{id:long}/uploads", Anonymous, 404,
            w => Call("/api/v1/support/widget/default/conversations/999999/uploads?token=x&name=a.txt", new { })),
        new("GET /api/v1/support/widget/{tenant}/conversations/{id:long}/attachments/{attachment:long}", Anonymous, 404,
            w => Call("/api/v1/support/widget/default/conversations/999999/attachments/1?token=x")),
        new("POST /api/v1/support/conversations/{id:long}/merge", SupportAnswer, 404, w => Call("/api/v1/support/conversations/999999/merge",
            new { into = 999998, version = 0 })),
        new("POST /api/v1/support/conversations/{id:long}/split", SupportAnswer, 404, w => Call("/api/v1/support/conversations/999999/split",
            new { messages = new[] { 1 }, version = 0 })),

        new("GET /api/v1/support/reports", SupportRead, 200, w => Call("/api/v1/support/reports")),
        new("GET /api/v1/support/reports.csv", SupportRead, 200, w => Call("/api/v1/support/reports.csv")),
        new("GET /api/v1/support/articles", SupportRead, 200, w => Call("/api/v1/support/articles")),
        new("GET /api/v1/support/articles/{id:long}", SupportRead, 404, w => Call("/api/v1/support/articles/999999")),
        new("POST /api/v1/support/articles", SupportManage, 400, w => Call("/api/v1/support/articles", new { title = "Empty" })),
        new("PUT /api/v1/support/articles/{id:long}", SupportManage, 404, w => Call("/api/v1/support/articles/999999", new { title = "Nobody", version = 1 })),
        new("POST /api/v1/support/articles/{id:long}/publish", SupportManage, 404, w => Call("/api/v1/support/articles/999999/publish", new { version = 1 })),
        new("POST /api/v1/support/articles/{id:long}/unpublish", SupportManage, 404, w => Call("/api/v1/support/articles/999999/unpublish", new { version = 1 })),
        new("DELETE /api/v1/support/articles/{id:long}", SupportManage, 404, w => Call("/api/v1/support/articles/999999")),
        new("PUT /api/v1/support/conversations/{id:long}/intent", SupportAnswer, 404, w => Call("/api/v1/support/conversations/999999/intent", new { intent = "refund" })),
        new("GET /api/v1/support/starter-agents", SupportRead, 200, w => Call("/api/v1/support/starter-agents")),
        new("POST /api/v1/support/starter-agents", SupportManage, 200, w => Call("/api/v1/support/starter-agents", new { })),
        new("GET /api/v1/support/help/{tenant}/articles", Anonymous, 200, w => Call("/api/v1/support/help/default/articles")),
        new("GET /api/v1/support/help/{tenant}/articles/{slug}", Anonymous, 404, w => Call("/api/v1/support/help/default/articles/nothing-here")),

        new("GET /metrics", Metrics, 200, w => Call("/metrics")),

        new("POST /api/v1/auth/password", Authenticated, 204,
            w => Call("/api/v1/auth/password", new { currentPassword = Password, newPassword = "changed-password-1" })),
    ];

    /// <summary>
    /// A work-item command needs flow:work and an agent linked to the caller; a caller who gets
    /// through acts on an item of its own agent brought to the state the command starts from.
    /// </summary>
    private static Rule WorkItemCommand(string command, string[] before, object body) =>
        new($"POST /api/v1/work-items/{{id:long}}/{command}", FlowWork, 200, w => Call($"/api/v1/work-items/{w.ItemId}/{command}", body),
            async (w, caller) => Call($"/api/v1/work-items/{await w.FreshItemAsync(caller.Agent!, before)}/{command}", body));

    /// <summary>Manufacturing orders and atelier jobs take the same commands; a release or a cancellation that gets through acts on a draft made for it.</summary>
    private static Rule[] OrderRules(string path, Func<World, long> draft) =>
    [
        new($"GET {path}", ProductionRead, 200, w => Call(path)),
        new($"POST {path}", ProductionManage, 201, w => Call(path, new { product = "strap", quantity = 2 })),
        new($"GET {path}/{{id:long}}", ProductionRead, 200, w => Call($"{path}/{draft(w)}")),
        new($"PATCH {path}/{{id:long}}", ProductionManage, 200, w => Call($"{path}/{draft(w)}", new { notes = $"Note {w.Next()}" })),
        new($"POST {path}/{{id:long}}/release", ProductionManage, 200, w => Call($"{path}/{draft(w)}/release"),
            async (w, _) => Call($"{path}/{await w.FreshOrderAsync(path)}/release")),
        new($"POST {path}/{{id:long}}/cancel", ProductionManage, 200, w => Call($"{path}/{draft(w)}/cancel"),
            async (w, _) => Call($"{path}/{await w.FreshOrderAsync(path)}/cancel")),
        new($"GET {path}/{{id:long}}/pieces", ProductionRead, 200, w => Call($"{path}/{draft(w)}/pieces")),
        // Past authorization, a draft has no piece to certify (certificates are printed in PrintingPieceCertificates).
        new($"GET {path}/{{id:long}}/pieces/{{unit:int}}/certificate", ProductionRead, 404, w => Call($"{path}/{draft(w)}/pieces/1/certificate")),
    ];

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Every_endpoint_answers_each_caller_as_the_matrix_says(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        MatrixShouldMatchTheEndpoints(api);
        var world = await World.CreateAsync(api);
        var callers = await CallersAsync(api, world);
        using var client = api.CreateClient();
        var failures = new List<string>();
        var seen = new HashSet<(string Permission, bool Granted)>();

        foreach (var rule in Matrix)
        {
            foreach (var caller in callers)
            {
                var expected = Expect(rule, caller);
                if (rule.Needs is not (Anonymous or Authenticated) && caller.Authorization is not null)
                    seen.Add((rule.Needs, caller.Permissions.Contains(rule.Needs)));
                var call = expected.Passes && rule.Fresh is not null ? await rule.Fresh(world, caller) : rule.Target(world);
                var answer = await SendAsync(client, caller.Authorization, rule.Method, call.Url, call.Body);
                if (expected.Check(answer) is { } wrong)
                    failures.Add($"{rule.Endpoint} as {caller.Name}: expected {expected}, got {answer} ({wrong})");
            }
        }

        failures.ShouldBeEmpty($"{failures.Count} answer(s) broke the matrix:\n" + string.Join("\n", failures.Take(40)));
        // Each permission was tried by a caller holding it and by one without it, users and keys alike.
        foreach (var permission in new[] { FlowRead, FlowWork, FlowManage, Admin, Metrics, AiRead, AiRun, AiManage, CommerceRead, CommerceMove, CommerceManage, SupportRead, SupportManage })
        {
            seen.ShouldContain((permission, true), $"no caller with {permission}");
            seen.ShouldContain((permission, false), $"no caller without {permission}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_scopes_of_keys_and_the_roles_of_people_grant_what_the_matrix_assumes(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var world = await World.CreateAsync(api);
        using var client = api.CreateClient();

        // The matrix derives expectations from these permission sets; /auth/me is where the host states them.
        var callers = await CallersAsync(api, world);
        foreach (var caller in callers.Where(c => c.Authorization is not null))
        {
            var me = await SendAsync(client, caller.Authorization, "GET", "/api/v1/auth/me", null);
            me.Status.ShouldBe(200, caller.Name);
            var node = System.Text.Json.Nodes.JsonNode.Parse(me.Body)!;
            node["permissions"]!.AsArray().Select(p => p!.GetValue<string>()).Order(StringComparer.Ordinal)
                .ShouldBe(caller.Permissions.Order(StringComparer.Ordinal), caller.Name);
            (node["agent"]?.GetValue<string>()).ShouldBe(caller.Agent, caller.Name);
        }

        // A caller with an agent works as that agent, and as no other.
        foreach (var caller in callers.Where(c => c.Agent is not null))
        {
            var item = await world.FreshItemAsync("eve", []);
            var asEve = await SendAsync(client, caller.Authorization, "POST", $"/api/v1/work-items/{item}/claim", new { agent = "eve" });
            (asEve.Status, asEve.Code).ShouldBe((403, "not_your_agent"), caller.Name);
            var claimed = await SendAsync(client, caller.Authorization, "POST", $"/api/v1/work-items/{item}/claim", new { });
            claimed.Status.ShouldBe(200, caller.Name);
            System.Text.Json.Nodes.JsonNode.Parse(claimed.Body)!["agent"]!.GetValue<string>().ShouldBe(caller.Agent, caller.Name);
        }
    }

    // ---- The table against the host's endpoints ------------------------------------------------

    private static void MatrixShouldMatchTheEndpoints(WeftApi api)
    {
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw
                && (raw.StartsWith("/api/v1", StringComparison.Ordinal) || raw.StartsWith("/v1/", StringComparison.Ordinal) || raw == "/metrics"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["(any method)"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToList();
        var inTable = Matrix.Select(r => r.Endpoint).ToList();

        var problems = new List<string>();
        problems.AddRange(inTable.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => $"the matrix has {g.Count()} rules for {g.Key}"));
        problems.AddRange(mapped.Except(inTable).Select(e => $"new endpoint {e} has no rule in the matrix: decide who may call it and add a row"));
        problems.AddRange(inTable.Except(mapped).Select(e => $"the matrix has a rule for {e}, which the host does not map (removed or renamed?)"));
        problems.ShouldBeEmpty(string.Join("\n", problems));
        mapped.Count.ShouldBeGreaterThanOrEqualTo(40);
    }

    /// <summary>A group's root route reads "/api/v1/graphs/" in the data source; it answers, and is written here, without the slash.</summary>
    private static string Normalize(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;

    // ---- Expectations ---------------------------------------------------------------------------

    private sealed record Expectation(int? Status, string? Code, bool Passes)
    {
        public static Expectation Success(int status) => new(status, null, true);

        public static Expectation Refused(int status, string code) => new(status, code, false);

        /// <summary>Null when the answer is right; otherwise what is wrong with it.</summary>
        public string? Check(Answer answer)
        {
            if (answer.Status != Status) return "wrong status";
            if (Passes) return null;
            if (!answer.IsProblem) return "a refusal must be problem details";
            return answer.Code == Code ? null : "wrong code";
        }

        public override string ToString() => Passes ? $"{Status}" : $"{Status} {Code}";
    }

    private static Expectation Expect(Rule rule, Caller caller)
    {
        if (rule.Needs == Anonymous) return Expectation.Success(rule.Success);
        if (caller.Authorization is null) return Expectation.Refused(401, "authentication_required");
        if (rule.Needs == Authenticated)
        {
            // Only a person has a password to change; a program's key is refused, though authenticated.
            return rule.Endpoint == "POST /api/v1/auth/password" && !caller.IsUser
                ? Expectation.Refused(403, "users_only")
                : Expectation.Success(rule.Success);
        }
        if (!caller.Permissions.Contains(rule.Needs)) return Expectation.Refused(403, "forbidden");
        // Permitted, but work is done as one's own agent, and this caller has none.
        if (rule.Needs == FlowWork && caller.Agent is null) return Expectation.Refused(403, "no_linked_agent");
        return Expectation.Success(rule.Success);
    }

    // ---- Callers --------------------------------------------------------------------------------

    private sealed record Caller(string Name, string? Authorization, string[] Permissions, string? Agent, bool IsUser);

    private static async Task<List<Caller>> CallersAsync(WeftApi api, World w)
    {
        string[] viewer = [FlowRead, ProductionRead, AiRead, CommerceRead, SupportRead, MarketRead, MarketTrade];
        string[] operatorRole = [FlowRead, FlowWork, ProductionRead, AiRead, AiRun, CommerceRead, CommerceMove, SupportRead, SupportAnswer, MarketRead, MarketTrade];
        string[] manager = [FlowRead, FlowWork, FlowManage, ProductionRead, ProductionManage, AiRead, AiRun, CommerceRead, CommerceMove, CommerceManage, CommercePurchase,
            SupportRead, SupportAnswer, SupportManage, MarketRead, MarketTrade, MarketOperate];
        string[] admin = [FlowRead, FlowWork, FlowManage, ProductionRead, ProductionManage, AiRead, AiRun, AiManage, CommerceRead, CommerceMove, CommerceManage, CommercePurchase,
            SupportRead, SupportAnswer, SupportManage, MarketRead, MarketTrade, MarketOperate, Admin, Metrics];
        var n = w.Next();
        return
        [
            new("anonymous", null, [], null, false),
            new("viewer", w.ViewerAuthorization, viewer, null, true),
            new("operator (agent olga)", (await UserAsync(api, api.Client, $"operator-{n}@matrix.test", "operator", "olga")).Authorization, operatorRole, "olga", true),
            new("manager", (await UserAsync(api, api.Client, $"manager-{n}@matrix.test", "manager")).Authorization, manager, null, true),
            new("admin", (await UserAsync(api, api.Client, $"admin-{n}@matrix.test", "admin")).Authorization, admin, null, true),
            new("key flow:read", (await ApiKeyAsync(api.Client, "k read", ["flow:read"])).Authorization, [FlowRead], null, false),
            new("key flow:write (agent kai)", (await ApiKeyAsync(api.Client, "k write", ["flow:write"], "kai")).Authorization,
                [FlowRead, FlowWork, FlowManage], "kai", false),
            new("key production:write", (await ApiKeyAsync(api.Client, "k production", ["production:write"])).Authorization,
                [ProductionRead, ProductionManage], null, false),
            new("key ai:read", (await ApiKeyAsync(api.Client, "k ai read", ["ai:read"])).Authorization, [AiRead], null, false),
            new("key ai:run", (await ApiKeyAsync(api.Client, "k ai run", ["ai:run"])).Authorization, [AiRead, AiRun], null, false),
            new("key ai:write", (await ApiKeyAsync(api.Client, "k ai write", ["ai:write"])).Authorization, [AiRead, AiRun, AiManage], null, false),
            new("key commerce:read", (await ApiKeyAsync(api.Client, "k commerce read", ["commerce:read"])).Authorization, [CommerceRead], null, false),
            new("key commerce:write", (await ApiKeyAsync(api.Client, "k commerce write", ["commerce:write"])).Authorization,
                [CommerceRead, CommerceMove, CommerceManage, CommercePurchase], null, false),
            new("key support:read", (await ApiKeyAsync(api.Client, "k support read", ["support:read"])).Authorization, [SupportRead], null, false),
            new("key support:write", (await ApiKeyAsync(api.Client, "k support write", ["support:write"])).Authorization,
                [SupportRead, SupportAnswer, SupportManage], null, false),
            new("key market:read", (await ApiKeyAsync(api.Client, "k market read", ["market:read"])).Authorization, [MarketRead], null, false),
            new("key market:write", (await ApiKeyAsync(api.Client, "k market write", ["market:write"])).Authorization,
                [MarketRead, MarketTrade, MarketOperate], null, false),
            new("key admin", (await ApiKeyAsync(api.Client, "k admin", ["admin"])).Authorization, [Admin], null, false),
            new("key metrics:read", (await ApiKeyAsync(api.Client, "k metrics", ["metrics:read"])).Authorization, [Metrics], null, false),
        ];
    }

    // ---- Rules and the world they run in --------------------------------------------------------

    private sealed record Request(string Url, object? Body);

    private static Request Call(string url, object? body = null) => new(url, body);

    // Nothing listens on port 9: the matrix's webhooks are never sent (the sender does not run in tests).
    private static object Webhook(int n) => new { format = "json", url = $"http://127.0.0.1:9/hooks/{n}", events = new[] { "*" } };

    private sealed record Rule(string Endpoint, string Needs, int Success, Func<World, Request> Target, Func<World, Caller, Task<Request>>? Fresh = null)
    {
        public string Method => Endpoint[..Endpoint.IndexOf(' ', StringComparison.Ordinal)];
    }

    /// <summary>
    /// A published graph "bag" (one pool task "craft"), a graph "drafty" to edit and publish, a graph
    /// "orphan" whose auto-assigned work nobody can do (so jobs on it open inbox entries), agents
    /// eve, olga, kai, zed and spare, a job with a ready item, a viewer, a spare user and a key, a
    /// product "strap" on "bag" with a draft manufacturing order and a draft atelier job.
    /// </summary>
    private sealed class World
    {
        private int counter;

        private World(WeftApi api) => Api = api;

        public WeftApi Api { get; }
        public string ViewerEmail { get; } = "viewer@matrix.test";
        public string ViewerAuthorization { get; private set; } = "";
        public long ViewerId { get; private set; }
        public long SpareUserId { get; private set; }
        public long ReadKeyId { get; private set; }
        public long JobId { get; private set; }
        public long TokenId { get; private set; }
        public long ItemId { get; private set; }
        public long InboxId { get; private set; }
        public long OrderId { get; private set; }
        public long AtelierJobId { get; private set; }
        public long WebhookId { get; private set; }
        public long WebhookDeliveryId { get; private set; }

        public int Next() => Interlocked.Increment(ref counter);

        public static async Task<World> CreateAsync(WeftApi api)
        {
            var w = new World(api);
            await api.OkAsync(HttpMethod.Post, "/api/v1/graphs", new { key = "bag", name = "Bag", draft = Fixtures.OneTask() });
            await api.OkAsync(HttpMethod.Post, "/api/v1/graphs/bag/publish");
            await api.OkAsync(HttpMethod.Post, "/api/v1/graphs", new { key = "drafty", name = "Drafty", draft = Fixtures.OneTask() });
            await api.OkAsync(HttpMethod.Post, "/api/v1/graphs", new { key = "orphan", name = "Orphan", draft = Fixtures.OneTask("nobody-can", "auto") });
            await api.OkAsync(HttpMethod.Post, "/api/v1/graphs/orphan/publish");
            foreach (var agent in new[] { "eve", "olga", "kai", "zed", "spare" })
                await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = agent, name = agent, kind = "person", capabilities = new[] { new { name = "craft", level = 1 } }, wipLimit = 1000 });
            (w.ViewerId, w.ViewerAuthorization) = await UserAsync(api, api.Client, w.ViewerEmail, "viewer");
            w.SpareUserId = (await WeftCaller.OkAsync(api.Client, HttpMethod.Post, "/api/v1/users",
                new { email = "spare@matrix.test", name = "Spare", role = "viewer", password = Password }))["id"]!.GetValue<long>();
            w.ReadKeyId = (await ApiKeyAsync(api.Client, "reader", ["flow:read"])).Id;
            w.JobId = await w.StartJobAsync("bag");
            w.TokenId = await w.FreshTokenAsync();
            w.ItemId = await w.FreshItemAsync("eve", []);
            w.InboxId = await w.FreshInboxEntryAsync();
            await api.OkAsync(HttpMethod.Post, "/api/v1/products", new { key = "strap", name = "Strap", routing = "bag" });
            w.OrderId = await w.FreshOrderAsync("/api/v1/manufacturing-orders");
            w.AtelierJobId = await w.FreshOrderAsync("/api/v1/atelier-jobs");
            await api.OkAsync(HttpMethod.Post, "/api/v1/sign-in-providers", new { key = "corp", name = "Corp", kind = "oidc", authority = "https://idp.corp.test", clientId = "weft", clientSecret = "corp-secret" });
            await api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers", new { key = "lab", name = "Lab", kind = "openai_compatible", baseUrl = "http://127.0.0.1:9/v1" });
            await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "bot", name = "Bot", kind = "ai" });
            await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "bot", models = new[] { "gpt-4o-mini" } });
            await api.OkAsync(HttpMethod.Put, "/api/v1/ai/agents/bot/persona/draft", new { instructions = "You are the matrix's bot." });
            await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents/bot/persona/publish", new { });
            await api.OkAsync(HttpMethod.Post, "/api/v1/ai/knowledge", new { key = "docs", name = "Docs" });
            await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/products", new { key = "tee", name = "Tee", unit = "unit", variants = new[] { new { sku = "TEE" } } });
            await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses", new { key = "main", name = "Main" });
            await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/warehouses/main/locations", new { code = "R", type = "receiving" });
            await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/moves", new { reason = "receipt", lines = new[] { new { sku = "TEE", quantity = 1000, to = "main/R", unitCost = 1m } } });
            await api.OkAsync(HttpMethod.Post, "/api/v1/commerce/suppliers", new { key = "acme", name = "Acme", email = "orders@acme.test" });
            await api.OkAsync(HttpMethod.Put, "/api/v1/commerce/suppliers/acme/products", new { sku = "TEE", unitPrice = 1m });
            w.WebhookId = await w.FreshWebhookAsync();
            w.WebhookDeliveryId = (await api.OkAsync(HttpMethod.Post, $"/api/v1/webhooks/{w.WebhookId}/ping"))["id"]!.GetValue<long>();
            return w;
        }

        /// <summary>A webhook subscription (to a port nothing listens on).</summary>
        public async Task<long> FreshWebhookAsync() =>
            (await Api.OkAsync(HttpMethod.Post, "/api/v1/webhooks", Webhook(Next())))["subscription"]!["id"]!.GetValue<long>();

        /// <summary>A Flow agent of kind ai without an AI profile yet.</summary>
        public async Task<string> FreshAiAgentAsync()
        {
            var key = $"ai-{Next()}";
            await Api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key, name = key, kind = "ai" });
            return key;
        }

        /// <summary>A knowledge base made to be deleted.</summary>
        public async Task<string> FreshKnowledgeBaseAsync()
        {
            var key = $"gone-kb-{Next()}";
            await Api.OkAsync(HttpMethod.Post, "/api/v1/ai/knowledge", new { key, name = "Gone" });
            return key;
        }

        /// <summary>A sign-in provider made to be deleted.</summary>
        public async Task<string> FreshSignInProviderAsync()
        {
            var key = $"gone-{Next()}";
            await Api.OkAsync(HttpMethod.Post, "/api/v1/sign-in-providers", new { key, name = "Gone", kind = "google", clientId = "gone", clientSecret = "gone-secret" });
            return key;
        }

        /// <summary>A provider made to be deleted.</summary>
        public async Task<string> FreshProviderAsync()
        {
            var key = $"gone-{Next()}";
            await Api.OkAsync(HttpMethod.Post, "/api/v1/ai/providers", new { key, name = "Gone", kind = "openai_compatible", baseUrl = "http://127.0.0.1:9/v1" });
            return key;
        }

        /// <summary>A model made to be deleted.</summary>
        public async Task<string> FreshModelAsync()
        {
            var key = $"gone-{Next()}";
            await Api.OkAsync(HttpMethod.Post, "/api/v1/ai/models", new { key, kind = "openai_compatible", purpose = "chat", contextWindow = 8192, inputPrice = 0 });
            return key;
        }

        private async Task<long> StartJobAsync(string graph) =>
            (await Api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph, quantity = 1, reference = $"F-{Next()}" }))["id"]!.GetValue<long>();

        /// <summary>The token of a new job, live at its task.</summary>
        public async Task<long> FreshTokenAsync()
        {
            var job = await StartJobAsync("bag");
            return (await Api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}/tokens")).AsArray().Single()!["id"]!.GetValue<long>();
        }

        /// <summary>The work item of a new job, after <paramref name="agent"/> ran <paramref name="commands"/> on it.</summary>
        public async Task<long> FreshItemAsync(string agent, string[] commands)
        {
            var job = await StartJobAsync("bag");
            var id = (await Api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}"))["items"]!.AsArray().Single()!["id"]!.GetValue<long>();
            var actor = await Api.AsAsync(agent);
            foreach (var command in commands)
                await actor.OkAsync(HttpMethod.Post, $"/api/v1/work-items/{id}/{command}", command == "pause" ? new { reason = "prepared" } : new { });
            return id;
        }

        /// <summary>A new draft manufacturing order or atelier job (by its path) of product "strap".</summary>
        public async Task<long> FreshOrderAsync(string path) =>
            (await Api.OkAsync(HttpMethod.Post, path, new { product = "strap", quantity = 2 }))["id"]!.GetValue<long>();

        /// <summary>An open inbox entry: the work of a new job on "orphan", which no agent can do.</summary>
        public async Task<long> FreshInboxEntryAsync()
        {
            var job = await StartJobAsync("orphan");
            var entries = (await Api.OkAsync(HttpMethod.Get, "/api/v1/inbox?limit=500"))["items"]!.AsArray();
            return entries.Single(e => e!["jobId"]?.GetValue<long>() == job)!["id"]!.GetValue<long>();
        }
    }
}
