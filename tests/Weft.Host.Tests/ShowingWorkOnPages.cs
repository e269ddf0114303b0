using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Weft.Flow.Web;
using Weft.Flow.Web.Api;
using Weft.Flow.Web.Home;
using Weft.Host.Tests.Infrastructure;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;
using Weft.Platform.Web.Ui;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>
/// The engine's pages (My work, the manager inbox, jobs) open to the people whose role allows them,
/// appear in their navigation, and their home page counts what waits for them there.
/// </summary>
public sealed class ShowingWorkOnPages
{
    private const string Operator = "op@test.weft";
    private const string Viewer = "viewer@test.weft";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_home_page_counts_held_and_claimable_work_open_inbox_entries_and_active_jobs_by_permission(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.RegisterAgentAsync("eve");
        await api.RegisterAgentAsync("bob");
        var admin = new WeftCaller(api.Client);
        await PublishAsync(admin, "g1", Fixtures.OneTask());
        await PublishAsync(admin, "gilded", Fixtures.OneTask(capability: "gilding", assignment: "auto"));
        var job = await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "g1", quantity = 3, reference = "R-1" });
        await api.OkAsync(HttpMethod.Post, "/api/v1/jobs", new { graph = "gilded", quantity = 1, reference = "R-2" });
        var ready = await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job["id"]}&state=ready");
        await (await api.AsAsync("eve")).OkAsync(HttpMethod.Post, $"/api/v1/work-items/{ready["items"]![0]!["id"]}/claim", new { });
        var figures = api.Services.GetServices<IHomeFigures>().OfType<FlowHomeFigures>().Single();

        var operatorFigures = await figures.ForAsync(Caller("eve", FlowPermissions.Read, FlowPermissions.Work), default);
        operatorFigures.Select(f => (f.Title, f.Value, f.Href)).ShouldBe([("My work", 1, "/work"), ("Ready for you", 2, "/work"), ("Active jobs", 2, "/jobs")]);
        operatorFigures.Single(f => f.Title == "My work").Urgent.ShouldBeTrue();

        var managerFigures = await figures.ForAsync(Caller(null, FlowPermissions.Read, FlowPermissions.Work, FlowPermissions.Manage), default);
        managerFigures.Select(f => (f.Title, f.Value, f.Href)).ShouldBe([("Manager inbox", 1, "/inbox"), ("Active jobs", 2, "/jobs")]);
        managerFigures.Single(f => f.Title == "Manager inbox").Urgent.ShouldBeTrue();

        (await figures.ForAsync(Caller(null, FlowPermissions.Read), default)).Select(f => f.Title).ShouldBe(["Active jobs"]);
        // An account linked to an agent that does not exist (any more) sees no work figures, and the rest as usual.
        (await figures.ForAsync(Caller("ghost", FlowPermissions.Read, FlowPermissions.Work), default)).Select(f => f.Title).ShouldBe(["Active jobs"]);
        (await figures.ForAsync(new ClaimsPrincipal(new ClaimsIdentity()), default)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_person_opens_the_work_pages_their_role_allows_and_finds_them_in_the_navigation(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.RegisterAgentAsync("eve");
        await api.CreateUserAsync(Operator, "operator", agent: "eve");
        await api.CreateUserAsync(Viewer, "viewer");

        using var op = await BrowserOfAsync(api, Operator);
        (await NavigationOfAsync(op)).ShouldBe(["/work", "/jobs"]);
        foreach (var page in new[] { "/work", "/inbox", "/jobs" }) await ShouldOpenAsync(op, page);

        using var viewer = await BrowserOfAsync(api, Viewer);
        (await NavigationOfAsync(viewer)).ShouldBe(["/jobs"]);
        await ShouldOpenAsync(viewer, "/jobs");
        await ShouldOpenAsync(viewer, "/inbox");
        using var work = await viewer.GetAsync("/work");
        work.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/forbidden");

        using var anonymous = api.CreateClient();
        using var signIn = await anonymous.GetAsync("/jobs");
        signIn.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/sign-in");
    }

    [Fact]
    public void A_page_acts_as_the_callers_linked_agent_and_refuses_without_one_as_the_api_does()
    {
        var ctx = CommandContexts.ForAgent(Caller("eve", FlowPermissions.Work), expectedVersion: 4);
        (ctx.Actor, ctx.Agent, ctx.ExpectedVersion).ShouldBe(("someone@test.weft", "eve", 4));

        var refusal = Should.Throw<WeftException>(() => CommandContexts.ForAgent(Caller(null, FlowPermissions.Work), expectedVersion: 4));
        (refusal.Status, refusal.Code).ShouldBe((403, "no_linked_agent"));
    }

    private static ClaimsPrincipal Caller(string? agent, params string[] permissions)
    {
        List<Claim> claims = [new(WeftClaims.Tenant, "1"), new(WeftClaims.Actor, "someone@test.weft")];
        if (agent is not null) claims.Add(new Claim(WeftClaims.Agent, agent));
        claims.AddRange(permissions.Select(p => new Claim(WeftClaims.Permission, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    /// <summary>A client that signed in with the form and keeps the session cookie (and follows redirects, as a browser does).</summary>
    private static async Task<HttpClient> BrowserOfAsync(WeftApi api, string email)
    {
        var browser = api.CreateClient();
        var token = FormToken(await browser.GetStringAsync("/sign-in"));
        using var signedIn = await browser.PostAsync("/sign-in",
            Form(("__RequestVerificationToken", token), ("email", email), ("password", Password), ("returnUrl", "/")));
        signedIn.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/");
        return browser;
    }

    /// <summary>The engine's pages the navigation offers.</summary>
    private static async Task<List<string>> NavigationOfAsync(HttpClient browser)
    {
        var home = await browser.GetStringAsync("/");
        return new[] { "/work", "/inbox", "/jobs" }.Where(href => home.Contains($"href=\"{href}\"", StringComparison.Ordinal)).ToList();
    }

    /// <summary>A live page answers with the frame its connection then fills: the layout and the component's marker.</summary>
    private static async Task ShouldOpenAsync(HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(page);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe(page);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<!--Blazor:{\"type\":\"server\"");
    }
}
