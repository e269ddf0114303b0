using System.Net;
using System.Net.Http.Json;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>
/// People sign in with a form and get a session cookie; whatever a page sends with that cookie to
/// change something must carry the antiforgery token.
/// </summary>
public sealed class SigningInWithABrowser
{
    private const string Field = "__RequestVerificationToken";

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_person_signs_in_with_the_form_and_the_session_cookie_needs_the_antiforgery_token_to_change_anything(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        using var browser = host.Browser();

        using var page = await browser.GetAsync("/sign-in");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("""<form method="post" action="/sign-in">""");
        var formToken = FormToken(html);

        using var signIn = await browser.PostAsync("/sign-in",
            Form((Field, formToken), ("email", WeftApi.AdminEmail), ("password", WeftApi.AdminPassword), ("returnUrl", "/")));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().ShouldBe("/");
        var cookie = SetCookie(signIn, "weft.session");
        cookie.ShouldNotBeNull();
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);

        var me = await (await browser.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK);
        me["kind"]!.GetValue<string>().ShouldBe("user");
        me["email"]!.GetValue<string>().ShouldBe(WeftApi.AdminEmail);
        me["role"]!.GetValue<string>().ShouldBe("admin");
        var antiforgery = me["antiforgeryToken"]!.GetValue<string>();
        antiforgery.ShouldNotBeNullOrEmpty();
        (await browser.GetAsync("/api/v1/graphs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Without the token (what a forged cross-site request would be), or with a wrong one: refused, and nothing made.
        await (await browser.PostAsJsonAsync("/api/v1/graphs", new { key = "forged", name = "Forged" }, WeftApi.Json))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "antiforgery_failed");
        await (await SendAsync(browser, HttpMethod.Post, "/api/v1/graphs", new { key = "forged", name = "Forged" }, antiforgery[..^2] + "xx"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "antiforgery_failed");
        await (await browser.GetAsync("/api/v1/graphs/forged")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // With it: done.
        (await SendAsync(browser, HttpMethod.Post, "/api/v1/graphs", new { key = "mine", name = "Mine" }, antiforgery)).StatusCode
            .ShouldBe(HttpStatusCode.Created);
        (await browser.GetAsync("/api/v1/graphs/mine")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The home page knows who is there and offers to sign out; signing out ends the session.
        using var home = await browser.GetAsync("/");
        var homeHtml = await home.Content.ReadAsStringAsync();
        homeHtml.ShouldContain(WeftApi.AdminEmail);
        using var signOut = await browser.PostAsync("/sign-out", Form((Field, FormToken(homeHtml))));
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signOut.Headers.Location!.ToString().ShouldBe("/sign-in");
        await (await browser.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "authentication_required");
        // Pages send people to the sign-in form instead.
        using var again = await browser.GetAsync("/");
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.ToString().ShouldStartWith("http://localhost/sign-in");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_form_refuses_a_post_without_its_token_a_wrong_password_and_a_return_address_off_the_site(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        using var browser = host.Browser();
        var formToken = FormToken(await browser.GetStringAsync("/sign-in"));

        // No antiforgery token (a cross-site form, say): refused before the password is even looked at.
        using var forged = await browser.PostAsync("/sign-in", Form(("email", WeftApi.AdminEmail), ("password", WeftApi.AdminPassword)));
        await forged.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "antiforgery_failed");
        SetCookie(forged, "weft.session").ShouldBeNull();
        // A token from another browser does not do either.
        using var other = host.Browser();
        var othersToken = FormToken(await other.GetStringAsync("/sign-in"));
        using var borrowed = await browser.PostAsync("/sign-in",
            Form((Field, othersToken), ("email", WeftApi.AdminEmail), ("password", WeftApi.AdminPassword)));
        await borrowed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "antiforgery_failed");
        (await browser.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // A wrong password gets the form again, with the reason and a status that says so.
        using var wrong = await browser.PostAsync("/sign-in",
            Form((Field, formToken), ("email", WeftApi.AdminEmail), ("password", "not-the-password")));
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        wrongHtml.ShouldContain("role=\"alert\"");
        wrongHtml.ShouldNotContain("not-the-password");
        SetCookie(wrong, "weft.session").ShouldBeNull();
        (await browser.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // After signing in, the form only ever sends people to a page of this site.
        using var offSite = await browser.PostAsync("/sign-in",
            Form((Field, FormToken(wrongHtml)), ("email", WeftApi.AdminEmail), ("password", WeftApi.AdminPassword), ("returnUrl", "//evil.example/x")));
        offSite.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        offSite.Headers.Location!.ToString().ShouldBe("/");
        using var fresh = host.Browser();
        using var onSite = await fresh.PostAsync("/sign-in",
            Form((Field, FormToken(await fresh.GetStringAsync("/sign-in"))), ("email", WeftApi.AdminEmail), ("password", WeftApi.AdminPassword),
                ("returnUrl", "/api/v1/graphs")));
        onSite.Headers.Location!.ToString().ShouldBe("/api/v1/graphs");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_session_ends_when_the_person_is_demoted_or_disabled(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        using var admin = host.CreateClient("Bearer " + await host.TokenAsync(WeftApi.AdminEmail, WeftApi.AdminPassword));
        var boss = await (await admin.PostAsJsonAsync("/api/v1/users", new { email = "boss@test.weft", role = "manager", password = Password }, WeftApi.Json))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        var id = boss["id"]!.GetValue<long>();

        using var browser = await SignedInAsync(host, "boss@test.weft", Password);
        (await browser.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "viewer" }, WeftApi.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await browser.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        using var again = await SignedInAsync(host, "boss@test.weft", Password);
        (await (await again.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync(HttpStatusCode.OK))["role"]!.GetValue<string>().ShouldBe("viewer");
        (await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { disabled = true }, WeftApi.Json)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await again.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Changing_the_password_in_a_session_keeps_that_session_and_ends_the_others(string provider)
    {
        await using var host = await SignInHost.StartAsync(provider);
        using var admin = host.CreateClient("Bearer " + await host.TokenAsync(WeftApi.AdminEmail, WeftApi.AdminPassword));
        await (await admin.PostAsJsonAsync("/api/v1/users", new { email = "pat@test.weft", role = "viewer", password = Password }, WeftApi.Json))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        using var laptop = await SignedInAsync(host, "pat@test.weft", Password);
        using var phone = await SignedInAsync(host, "pat@test.weft", Password);
        using var program = host.CreateClient("Bearer " + await host.TokenAsync("pat@test.weft", Password));

        var antiforgery = (await (await laptop.GetAsync("/api/v1/auth/me")).ShouldBeOkAsync())["antiforgeryToken"]!.GetValue<string>();
        // Like any change made with the cookie, it needs the antiforgery token.
        await (await laptop.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = Password, newPassword = "pat-new-password-1" }, WeftApi.Json))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "antiforgery_failed");
        (await SendAsync(laptop, HttpMethod.Post, "/api/v1/auth/password", new { currentPassword = Password, newPassword = "pat-new-password-1" }, antiforgery))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await laptop.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await phone.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await program.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await host.TokenAsync("pat@test.weft", "pat-new-password-1");
    }

    private static async Task<HttpClient> SignedInAsync(SignInHost host, string email, string password)
    {
        var browser = host.Browser();
        var token = FormToken(await browser.GetStringAsync("/sign-in"));
        using var response = await browser.PostAsync("/sign-in", Form((Field, token), ("email", email), ("password", password)));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return browser;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object body, string antiforgery)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: WeftApi.Json) };
        request.Headers.Add("X-CSRF-TOKEN", antiforgery);
        return await client.SendAsync(request);
    }
}
