using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Weft.Host.Tests.Infrastructure;
using Weft.Identity.Tenants;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>
/// A tenant's admin lets its people sign in with an identity provider (here a local OpenID Connect server, and
/// the same server answering as GitHub does). The first sign-in links the provider's account to the person with
/// that verified email; later ones find them by the provider's subject. Everyone else is sent back to the
/// sign-in page with the reason. The browser is an HttpClient that keeps cookies and follows redirects by hand.
/// </summary>
public sealed class SigningInWithExternalProviders
{
    private const string Tenant = "default";

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_person_signs_in_through_the_tenants_provider_linked_by_verified_email_then_found_by_subject(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        await using var idp = await LocalOpenIdServer.StartAsync();
        using var admin = await AdminAsync(host);
        await (await admin.PostAsJsonAsync("/api/v1/users", new { email = "ext@test.weft", role = "manager", password = Password }, WeftApi.Json))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        var created = await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers", Oidc(idp), WeftApi.Json)).ShouldBeOkAsync(HttpStatusCode.Created);
        created["hasClientSecret"]!.GetValue<bool>().ShouldBeTrue();
        created["callbackPath"]!.GetValue<string>().ShouldBe($"/sign-in/external/{Tenant}/local/callback");
        created.ToJsonString().ShouldNotContain(idp.ClientSecret);
        (await admin.GetStringAsync("/api/v1/sign-in-providers")).ShouldNotContain(idp.ClientSecret);

        // First time: the provider's verified email (in any case) is a person's here.
        idp.User = new LocalOpenIdUser("subject-1", "EXT@test.weft");
        using var browser = host.Browser();
        using (var signedIn = await SignInThroughAsync(browser, idp, "local"))
        {
            signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
            SetCookie(signedIn, "weft.session").ShouldNotBeNull();
            (await signedIn.Content.ReadAsStringAsync()).ShouldContain("""<meta http-equiv="refresh" content="0;url=/" />""");
        }
        var me = await (await browser.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK);
        me["email"]!.GetValue<string>().ShouldBe("ext@test.weft");
        me["role"]!.GetValue<string>().ShouldBe("manager");
        (await browser.GetAsync("/api/v1/graphs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Next time the subject finds them, whatever email the provider now has, verified or not.
        idp.User = new LocalOpenIdUser("subject-1", "renamed@elsewhere.test", EmailVerified: false);
        using var again = host.Browser();
        using (var signedIn = await SignInThroughAsync(again, idp, "local")) signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await again.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK))["email"]!.GetValue<string>().ShouldBe("ext@test.weft");
        idp.TokensIssued.ShouldBe(2);

        var audit = (await (await admin.GetAsync("/api/v1/audit?limit=100")).ShouldBeOkAsync())["items"]!.AsArray().Select(e => e!).ToList();
        audit.Count(e => e.Type() == "external_login_linked").ShouldBe(1);
        audit.Count(e => e.Type() == "user_signed_in" && e["data"]?.ToJsonString().Contains("local", StringComparison.Ordinal) == true).ShouldBe(2);
        audit.ShouldContain(e => e.Type() == "sign_in_provider_created");
        audit.ShouldAllBe(e => e.ToJsonString().IndexOf(idp.ClientSecret, StringComparison.Ordinal) < 0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Unknown_and_unverified_emails_and_a_refusal_at_the_provider_end_on_the_sign_in_page_with_the_reason(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        await using var idp = await LocalOpenIdServer.StartAsync();
        using var admin = await AdminAsync(host);
        await (await admin.PostAsJsonAsync("/api/v1/users", new { email = "unverified@test.weft", role = "viewer", password = Password }, WeftApi.Json))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers", Oidc(idp), WeftApi.Json)).ShouldBeOkAsync(HttpStatusCode.Created);

        idp.User = new LocalOpenIdUser("subject-2", "nobody@test.weft");
        await RefusedAsync(host, idp, "unknown_account", "Nobody here signs in with that email address");
        idp.User = new LocalOpenIdUser("subject-3", "unverified@test.weft", EmailVerified: false);
        await RefusedAsync(host, idp, "email_not_verified", "has not verified your email address");
        idp.User = new LocalOpenIdUser("subject-4", null);
        await RefusedAsync(host, idp, "email_not_verified", "has not verified your email address");
        idp.User = new LocalOpenIdUser("subject-3", "unverified@test.weft");
        idp.Deny = true;
        await RefusedAsync(host, idp, "access_denied", "cancelled at the provider");

        var audit = (await (await admin.GetAsync("/api/v1/audit?limit=100")).ShouldBeOkAsync())["items"]!.AsArray().Select(e => e!).ToList();
        audit.Count(e => e.Type() == "sign_in_failed").ShouldBe(3);
        audit.ShouldNotContain(e => e.Type() == "external_login_linked");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Only_the_tenant_that_configured_a_provider_offers_it_and_disabling_it_takes_effect_at_once(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        await using var idp = await LocalOpenIdServer.StartAsync();
        using var admin = await AdminAsync(host);
        await host.Services.GetRequiredService<TenantDirectory>().CreateAsync("test", "other", "Other");
        await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers", Oidc(idp), WeftApi.Json)).ShouldBeOkAsync(HttpStatusCode.Created);
        using var browser = host.Browser();

        (await browser.GetStringAsync($"/sign-in?tenant={Tenant}")).ShouldContain("Sign in with Local ID");
        var others = await browser.GetStringAsync("/sign-in?tenant=other");
        others.ShouldNotContain("Sign in with");
        others.ShouldContain("""<form method="post" action="/sign-in">""");
        using (var borrowed = await browser.GetAsync("/sign-in/external/other/local"))
            borrowed.Headers.Location!.ToString().ShouldBe("/sign-in?tenant=other&failed=provider_unavailable");

        (await admin.PatchAsJsonAsync("/api/v1/sign-in-providers/local", new { enabled = false }, WeftApi.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetStringAsync($"/sign-in?tenant={Tenant}")).ShouldNotContain("Sign in with");
        using (var disabled = await browser.GetAsync($"/sign-in/external/{Tenant}/local"))
            disabled.Headers.Location!.ToString().ShouldBe($"/sign-in?tenant={Tenant}&failed=provider_unavailable");

        (await admin.PatchAsJsonAsync("/api/v1/sign-in-providers/local", new { enabled = true, name = "Local again" }, WeftApi.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetStringAsync($"/sign-in?tenant={Tenant}")).ShouldContain("Sign in with Local again");
        (await admin.DeleteAsync("/api/v1/sign-in-providers/local")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await browser.GetStringAsync($"/sign-in?tenant={Tenant}")).ShouldNotContain("Sign in with");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task With_provisioning_on_a_new_verified_email_becomes_a_person_with_the_providers_role_but_never_another_tenants_person(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        await using var idp = await LocalOpenIdServer.StartAsync();
        using var admin = await AdminAsync(host);
        var other = await host.Services.GetRequiredService<TenantDirectory>().CreateAsync("test", "other", "Other");
        await host.Services.GetRequiredService<Weft.Identity.Users.CreateUser>()
            .HandleAsync(other.Id, "test", new Weft.Identity.Users.CreateUserRequest("taken@other.test", "Taken", "admin", Password, null));
        var created = await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers",
            new { key = "local", name = "Local ID", kind = "oidc", authority = idp.Issuer, clientId = idp.ClientId, clientSecret = idp.ClientSecret, provisionRole = "operator" },
            WeftApi.Json)).ShouldBeOkAsync(HttpStatusCode.Created);
        created["provisionRole"]!.GetValue<string>().ShouldBe("operator");

        idp.User = new LocalOpenIdUser("subject-9", "New.Person@test.weft");
        using (var browser = host.Browser())
        {
            using (var signedIn = await SignInThroughAsync(browser, idp, "local")) signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
            var me = await (await browser.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK);
            me["email"]!.GetValue<string>().ShouldBe("new.person@test.weft");
            me["role"]!.GetValue<string>().ShouldBe("operator");
        }
        // Made once: the next sign-in finds the same person.
        using (var browser = host.Browser())
        using (var signedIn = await SignInThroughAsync(browser, idp, "local")) signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        var people = (await (await admin.GetAsync("/api/v1/users?limit=100")).ShouldBeOkAsync())["items"]!.AsArray();
        people.Count(u => u!["email"]!.GetValue<string>() == "new.person@test.weft").ShouldBe(1);

        idp.User = new LocalOpenIdUser("subject-10", "taken@other.test");
        await RefusedAsync(host, idp, "unknown_account", "Nobody here signs in with that email address");
        idp.User = new LocalOpenIdUser("subject-11", "unverified-new@test.weft", EmailVerified: false);
        await RefusedAsync(host, idp, "email_not_verified", "has not verified your email address");

        (await admin.PatchAsJsonAsync("/api/v1/sign-in-providers/local", new { provisionRole = "" }, WeftApi.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        idp.User = new LocalOpenIdUser("subject-12", "another-new@test.weft");
        await RefusedAsync(host, idp, "unknown_account", "Nobody here signs in with that email address");
        await (await admin.PatchAsJsonAsync("/api/v1/sign-in-providers/local", new { provisionRole = "owner" }, WeftApi.Json)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_changed_secret_takes_effect_at_the_next_sign_in_and_a_provider_that_refuses_the_code_ends_on_the_sign_in_page(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        await using var idp = await LocalOpenIdServer.StartAsync();
        using var admin = await AdminAsync(host);
        await (await admin.PostAsJsonAsync("/api/v1/users", new { email = "ext@test.weft", role = "viewer", password = Password }, WeftApi.Json))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers", Oidc(idp), WeftApi.Json)).ShouldBeOkAsync(HttpStatusCode.Created);
        idp.User = new LocalOpenIdUser("subject-1", "ext@test.weft");
        using (var browser = host.Browser())
        using (var signedIn = await SignInThroughAsync(browser, idp, "local")) signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);

        // The provider refuses a wrong secret when Weft redeems the code: back to the sign-in page, no session.
        (await admin.PatchAsJsonAsync("/api/v1/sign-in-providers/local", new { clientSecret = "not-the-secret" }, WeftApi.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var browser = host.Browser())
        {
            using var refused = await SignInThroughAsync(browser, idp, "local");
            refused.Headers.Location!.ToString().ShouldBe($"/sign-in?tenant={Tenant}&failed=provider_failed");
            SetCookie(refused, "weft.session").ShouldBeNull();
        }

        // A provider that cannot be reached (its discovery document) leaves the person on the sign-in page too.
        (await admin.PatchAsJsonAsync("/api/v1/sign-in-providers/local", new { authority = "http://127.0.0.1:9" }, WeftApi.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var browser = host.Browser())
        using (var unreachable = await browser.GetAsync($"/sign-in/external/{Tenant}/local"))
            unreachable.Headers.Location!.ToString().ShouldBe($"/sign-in?tenant={Tenant}&failed=provider_failed");

        (await admin.PatchAsJsonAsync("/api/v1/sign-in-providers/local", new { clientSecret = idp.ClientSecret, authority = idp.Issuer }, WeftApi.Json))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var browser = host.Browser())
        using (var signedIn = await SignInThroughAsync(browser, idp, "local")) signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        idp.TokensIssued.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_provider_may_send_the_person_back_to_another_host_that_has_not_seen_the_provider_yet(string provider)
    {
        await using var first = await SignInHost.StartAsync(provider);
        await using var second = SignInHost.Attach(first.Database, first.Clock);
        await using var idp = await LocalOpenIdServer.StartAsync();
        using var admin = await AdminAsync(first);
        await (await admin.PostAsJsonAsync("/api/v1/users", new { email = "ext@test.weft", role = "viewer", password = Password }, WeftApi.Json))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers", Oidc(idp), WeftApi.Json)).ShouldBeOkAsync(HttpStatusCode.Created);
        idp.User = new LocalOpenIdUser("subject-1", "ext@test.weft");

        using var atFirst = first.Browser();
        using var toProvider = await atFirst.GetAsync($"/sign-in/external/{Tenant}/local");
        toProvider.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // What the browser keeps from the first host: the correlation and nonce cookies.
        var cookies = string.Join("; ", toProvider.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var atProvider = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        using var back = await atProvider.GetAsync(toProvider.Headers.Location);
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var atSecond = second.CreateClient();
        using var callback = new HttpRequestMessage(HttpMethod.Get, back.Headers.Location);
        callback.Headers.TryAddWithoutValidation("Cookie", cookies);
        using var signedIn = await atSecond.SendAsync(callback);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK, await signedIn.Content.ReadAsStringAsync());
        var session = SetCookie(signedIn, "weft.session")!.Split(';')[0];
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        me.Headers.TryAddWithoutValidation("Cookie", session);
        (await (await atSecond.SendAsync(me)).ShouldBeOkAsync(HttpStatusCode.OK))["email"]!.GetValue<string>().ShouldBe("ext@test.weft");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_person_signs_in_with_GitHub_by_their_verified_primary_email(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        await using var idp = await LocalOpenIdServer.StartAsync();
        using var admin = await AdminAsync(host);
        await (await admin.PostAsJsonAsync("/api/v1/users", new { email = "octo@test.weft", role = "viewer", password = Password }, WeftApi.Json))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        // The local server answers as a GitHub Enterprise site does, at its own address.
        await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers",
            new { key = "gh", name = "GitHub", kind = "github", authority = idp.Issuer, clientId = idp.ClientId, clientSecret = idp.ClientSecret }, WeftApi.Json))
            .ShouldBeOkAsync(HttpStatusCode.Created);

        idp.User = new LocalOpenIdUser("4242", "octo@test.weft");
        using var browser = host.Browser();
        using (var signedIn = await SignInThroughAsync(browser, idp, "gh", authorizePath: "/login/oauth/authorize"))
            signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await browser.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK))["email"]!.GetValue<string>().ShouldBe("octo@test.weft");

        idp.User = new LocalOpenIdUser("4343", "octo-unverified@test.weft", EmailVerified: false);
        using var other = host.Browser();
        using var refused = await SignInThroughAsync(other, idp, "gh", authorizePath: "/login/oauth/authorize");
        refused.Headers.Location!.ToString().ShouldBe($"/sign-in?tenant={Tenant}&failed=email_not_verified");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Malformed_provider_settings_are_refused_and_change_nothing(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        using var admin = await AdminAsync(host);
        async Task RefusedAsync(object body, string field)
        {
            var problem = await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers", body, WeftApi.Json)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
        }
        await RefusedAsync(new { key = "x", name = "X", kind = "saml", clientId = "c", clientSecret = "s" }, "kind");
        await RefusedAsync(new { key = "x", name = "X", kind = "oidc", clientId = "c", clientSecret = "s" }, "authority");
        await RefusedAsync(new { key = "x", name = "X", kind = "oidc", authority = "http://idp.example.com", clientId = "c", clientSecret = "s" }, "authority");
        await RefusedAsync(new { key = "x", name = "X", kind = "google", clientId = "c" }, "clientSecret");
        await RefusedAsync(new { key = "x", name = "X", kind = "google", clientId = "c", clientSecret = "s", directory = "common" }, "directory");
        await RefusedAsync(new { key = "Not a key", name = "X", kind = "google", clientId = "c", clientSecret = "s" }, "key");
        await RefusedAsync(new { key = "x", name = "X", kind = "microsoft", clientId = "c", clientSecret = "s", scopes = new[] { "has space" } }, "scopes");
        (await (await admin.GetAsync("/api/v1/sign-in-providers")).ShouldBeOkAsync())["items"]!.AsArray().Count.ShouldBe(0);

        var microsoft = await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers",
            new { key = "ms", name = "Microsoft", kind = "microsoft", directory = "contoso.onmicrosoft.com", clientId = "c", clientSecret = "s" }, WeftApi.Json))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        microsoft["authority"]!.GetValue<string>().ShouldBe("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0");
        var google = await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers",
            new { key = "google", name = "Google", kind = "google", clientId = "c", clientSecret = "s" }, WeftApi.Json)).ShouldBeOkAsync(HttpStatusCode.Created);
        google["authority"]!.GetValue<string>().ShouldBe("https://accounts.google.com");
        await (await admin.PostAsJsonAsync("/api/v1/sign-in-providers",
            new { key = "google", name = "Google", kind = "google", clientId = "c", clientSecret = "s" }, WeftApi.Json)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "sign_in_provider_exists");
        await (await admin.PatchAsJsonAsync("/api/v1/sign-in-providers/google", new { clientSecret = " padded " }, WeftApi.Json))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PatchAsJsonAsync("/api/v1/sign-in-providers/nope", new { name = "N" }, WeftApi.Json))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "sign_in_provider_not_found");
    }

    private static object Oidc(LocalOpenIdServer idp) =>
        new { key = "local", name = "Local ID", kind = "oidc", authority = idp.Issuer, clientId = idp.ClientId, clientSecret = idp.ClientSecret };

    private static async Task<HttpClient> AdminAsync(SignInHost host) =>
        host.CreateClient("Bearer " + await host.TokenAsync(WeftApi.AdminEmail, WeftApi.AdminPassword));

    /// <summary>
    /// The redirect dance: the sign-in page's button, Weft's redirect to the provider, the provider's (approved at once)
    /// back to Weft's callback; returns Weft's answer to the callback.
    /// </summary>
    private static async Task<HttpResponseMessage> SignInThroughAsync(HttpClient browser, LocalOpenIdServer idp, string provider, string authorizePath = "/authorize")
    {
        var page = await browser.GetStringAsync($"/sign-in?tenant={Tenant}");
        var start = $"/sign-in/external/{Tenant}/{provider}?returnUrl=%2F";
        page.ShouldContain($"href=\"{start}\"");

        using var toProvider = await browser.GetAsync(start);
        toProvider.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = toProvider.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Path).ShouldBe(idp.Issuer + authorizePath);
        authorize.Query.ShouldContain("code_challenge_method=S256");
        authorize.Query.ShouldContain("state=");

        using var atProvider = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        using var back = await atProvider.GetAsync(authorize);
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync());
        var callback = back.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).ShouldBe($"http://localhost/sign-in/external/{Tenant}/{provider}/callback");
        return await browser.GetAsync(callback);
    }

    private static async Task RefusedAsync(SignInHost host, LocalOpenIdServer idp, string code, string message)
    {
        using var browser = host.Browser();
        using var refused = await SignInThroughAsync(browser, idp, "local");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect, await refused.Content.ReadAsStringAsync());
        refused.Headers.Location!.ToString().ShouldBe($"/sign-in?tenant={Tenant}&failed={code}");
        SetCookie(refused, "weft.session").ShouldBeNull();
        var page = await browser.GetStringAsync(refused.Headers.Location);
        page.ShouldContain("role=\"alert\"");
        page.ShouldContain(message);
        page.ShouldContain("Sign in with Local ID");
        (await browser.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
