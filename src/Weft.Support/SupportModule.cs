using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Platform.Persistence;
using Weft.Platform.Web.Modules;
using Weft.Platform.Web.Security;
using Weft.Support.Conversations;
using Weft.Support.Customers;
using Weft.Support.Persistence;
using Weft.Support.Sla;
using Weft.Support.Triage;
using Weft.Flow.Automation;
using Weft.Platform.Webhooks;

namespace Weft.Support;

/// <summary>
/// The help desk: customers and their conversations over chat, email and the API, triaged by an intent classifier,
/// answered by AI agents from knowledge or handed to people, within SLAs kept by the engine.
/// </summary>
public sealed class SupportModule : WeftModule
{
    public override string Name => "Support";

    public override IReadOnlyList<ModuleStore> Stores => [SupportDbContext.Tables];

    public override IReadOnlyList<PermissionDefinition> Permissions =>
    [
        new(SupportPermissions.Read, "See customers, conversations, the knowledge base, triage and reports.", Roles.Viewer),
        new(SupportPermissions.Answer, "Answer customers: reply, note, assign, change status, merge and split conversations.", Roles.Operator),
        new(SupportPermissions.Manage, "Configure support: SLAs, business hours, macros, knowledge base articles, triage training, AI policies, webhooks.", Roles.Manager),
    ];

    public override IReadOnlyList<ScopeDefinition> Scopes =>
    [
        new("support:read", "Read customers, conversations, knowledge, triage and reports.", [SupportPermissions.Read]),
        new("support:write", "Read, answer customers and configure support.", [SupportPermissions.Read, SupportPermissions.Answer, SupportPermissions.Manage]),
    ];

    public override IReadOnlyList<NavEntry> Navigation =>
    [
        new("Conversations", "/support/conversations", MudBlazor.Icons.Material.Filled.Forum, SupportPermissions.Read, Order: 59),
        new("Triage", "/support/triage", MudBlazor.Icons.Material.Filled.Rule, SupportPermissions.Read, Order: 60),
        new("Support reports", "/support/reports", MudBlazor.Icons.Material.Filled.Insights, SupportPermissions.Read, Order: 62),
        new("Customers", "/support/customers", MudBlazor.Icons.Material.Filled.Contacts, SupportPermissions.Read, Order: 61),
        new("Help center", "/support/knowledge", MudBlazor.Icons.Material.Filled.MenuBook, SupportPermissions.Read, Order: 62),
        new("Support settings", "/support/settings", MudBlazor.Icons.Material.Filled.Tune, SupportPermissions.Read, Order: 63),
    ];

    public override System.Reflection.Assembly? Pages => typeof(SupportModule).Assembly;

    public override void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SupportDb>();
        services.AddSingleton<Conversations.Conversations>();
        services.AddSingleton<Customers.Customers>();
        services.AddSingleton<ConversationIntents>().AddSingleton<TrainingExamples>().AddSingleton<IntentModels>().AddSingleton<ActiveIntentModels>();
        services.AddSingleton<Sla.SlaSettings>().AddSingleton<Answering.AiPolicies>().AddSingleton<Answering.Turns>();
        services.AddAgentHandler<Answering.SupportDesk>(agent: Answering.SupportFlow.Agent);
        services.AddSingleton<Live.SupportLive>();
        services.AddSingleton<ConversationFields>().AddSingleton<Macros.Macros>().AddSingleton<Live.SupportPresence>();
        services.AddSingleton<Demo.SupportDemo>();
        services.AddSingleton<Reports.SupportReports>();
        services.AddSingleton<Answering.StarterAgents>();
        services.AddSingleton<Knowledge.Articles>().AddSingleton<Knowledge.ArticleKnowledge>();
        services.AddIntegrationEventHandler<Contracts.ArticlePublished, Knowledge.ArticlePublishedHandler>()
            .AddIntegrationEventHandler<Contracts.ArticleWithdrawn, Knowledge.ArticleWithdrawnHandler>();
        services.AddSingleton<Routing.Teams>().AddSingleton<Routing.ConversationTeams>().AddSingleton<Demo.RoutingDemo>();
        // What other systems may subscribe to with outgoing webhooks (signed, retried; Slack, Discord, Teams, email).
        services.AddWebhookEvent<Contracts.ConversationStarted>().AddWebhookEvent<Contracts.MessageAdded>()
            .AddWebhookEvent<Contracts.ConversationHandedOver>().AddWebhookEvent<Contracts.ConversationStatusChanged>()
            .AddWebhookEvent<Contracts.ConversationRated>().AddWebhookEvent<Contracts.ConversationUpdated>()
            .AddWebhookEvent<Contracts.ConversationMerged>().AddWebhookEvent<Contracts.ConversationSplit>()
            .AddWebhookEvent<Contracts.ArticlePublished>().AddWebhookEvent<Contracts.ArticleWithdrawn>();
        services.AddSingleton<Conversations.Attachments.AttachmentDefaults>().AddSingleton<Conversations.Attachments.MessageFiles>()
            .AddSingleton<Conversations.Merging.ConversationMerges>();
        services.AddSingleton<Email.MailboxSecrets>().AddSingleton<Email.Mailboxes>().AddSingleton<Email.InboundMail>()
            .AddSingleton<Email.EmailOutbox>().AddSingleton<Email.MailboxPoller>();
        if (configuration.GetValue("Weft:Runtime:Enabled", true)) services.AddHostedService<Email.EmailChannelService>();
    }

    public override Task SeedDemoAsync(IServiceProvider services, long tenant, CancellationToken ct) =>
        services.GetRequiredService<Demo.SupportDemo>().SeedAsync(tenant, ct);

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapConversations();
        app.MapCustomers();
        app.MapTriage();
        app.MapSupportSettings();
        Knowledge.ArticleEndpoints.MapArticles(app);
        Answering.StarterAgentEndpoints.MapStarterAgents(app);
        Routing.RoutingEndpoints.MapSupportRouting(app);
        Reports.ReportEndpoints.MapSupportReports(app);
        Widget.WidgetEndpoints.MapWidget(app);
        Live.LiveEndpoints.MapSupportLive(app);
        Email.EmailEndpoints.MapEmail(app);
        app.MapConversationFields();
        Macros.MacroEndpoints.MapMacros(app);
        Live.PresenceEndpoints.MapPresence(app);
        Conversations.Attachments.AttachmentEndpoints.MapAttachments(app);
        Conversations.Merging.MergingEndpoints.MapMerging(app);
    }
}
