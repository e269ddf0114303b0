using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weft.Identity;
using Weft.Identity.Bootstrap;
using Weft.Identity.Persistence;
using Weft.Identity.Tenants;
using Weft.Identity.Users;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>Signing in with a password: lockout, rate limits, access tokens and what ends them.</summary>
public sealed class SigningIn
{
    private const string Victim = "victim@test.weft";

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one_until_the_lockout_ends(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.CreateUserAsync(Victim, "viewer");
        await api.CreateUserAsync("bystander@test.weft", "viewer");

        for (var i = 1; i <= 4; i++)
            await (await api.SignInAsync(Victim, "wrong-password-" + i)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await api.SignInAsync(Victim, "wrong-password-5")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "account_locked");

        // Locked: the right password is refused too, for the whole lockout; other accounts are not affected.
        await (await api.SignInAsync(Victim, Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "account_locked");
        await (await api.SignInAsync("bystander@test.weft", Password)).ShouldBeOkAsync(HttpStatusCode.OK);
        api.Clock.Advance(TimeSpan.FromMinutes(14));
        await (await api.SignInAsync(Victim, Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "account_locked");

        api.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await (await api.SignInAsync(Victim, Password)).ShouldBeOkAsync(HttpStatusCode.OK))["accessToken"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        // A successful sign-in starts the count afresh: four more failures do not lock.
        for (var i = 1; i <= 4; i++)
            await (await api.SignInAsync(Victim, "wrong-again-" + i)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await api.SignInAsync(Victim, Password)).ShouldBeOkAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Sign_ins_beyond_the_rate_limit_answer_429_and_count_for_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var victimId = await api.CreateUserAsync(Victim, "viewer");
        // A host of its own, so that no sign-in but this test's has used its budget.
        await using var limited = SignInHost.Attach(api.Database, api.Clock, new Dictionary<string, string?> { ["Weft:RateLimits:SignInPerMinute"] = "3" });

        for (var i = 1; i <= 3; i++)
            await (await limited.SignInAsync(Victim, "wrong-password-" + i)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        using var refused = await limited.SignInAsync(Victim, "wrong-password-4");
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), NumberStyles.None, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        // The sign-in form draws on the same budget (and is refused before its antiforgery check).
        using var browser = limited.Browser();
        using var form = await browser.PostAsync("/sign-in", Form(("email", Victim), ("password", "wrong-password-5")));
        await form.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");

        // The refused attempts were never checked: three failures are on record, not five.
        var failures = await SecurityDbAsync(api.Services, 1, db => db.Users.Where(u => u.Id == victimId).Select(u => u.FailedSignIns).SingleAsync());
        failures.ShouldBe(3);
        (await api.AuditAsync()).Count(e => e.Type() == "sign_in_failed" && e.Actor() == Victim).ShouldBe(3);
        // So one more failure does not lock the account (a fifth would have), and the right password still works.
        await (await api.SignInAsync(Victim, "wrong-password-6")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await api.SignInAsync(Victim, Password)).ShouldBeOkAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Each_caller_has_its_own_request_budget(string provider)
    {
        // 60 a minute: a bucket of 10, refilled by one a second.
        await using var api = await WeftApi.StartAsync(provider, new Dictionary<string, string?> { ["Weft:RateLimits:RequestsPerMinute"] = "60" });
        var otherKey = (await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "other", scopes = new[] { "flow:read" } }))["key"]!.GetValue<string>();

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 500 && refused is null; i++)
        {
            var response = await api.GetAsync("/api/v1/graphs");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                response.Dispose();
            }
        }
        refused.ShouldNotBeNull("A burst of requests with one key was never limited.");
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), NumberStyles.None, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        refused.Dispose();

        // Another caller of the same tenant still has its whole budget.
        using var other = api.CreateClient("ApiKey " + otherKey);
        for (var i = 0; i < 5; i++) (await other.GetAsync("/api/v1/graphs")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_access_token_expires_by_the_hosts_clock(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.CreateUserAsync(Victim, "viewer");
        var me = await api.AsUserAsync(Victim);
        (await me.OkAsync(HttpMethod.Get, "/api/v1/auth/me"))["email"]!.GetValue<string>().ShouldBe(Victim);

        api.Clock.Advance(TimeSpan.FromMinutes(14));
        (await me.SendAsync(HttpMethod.Get, "/api/v1/graphs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        api.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await (await me.SendAsync(HttpMethod.Get, "/api/v1/graphs")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await me.SendAsync(HttpMethod.Get, "/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Only_tokens_signed_with_the_hosts_key_for_the_callers_own_tenant_are_accepted(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var tenantDirectory = api.Services.GetRequiredService<TenantDirectory>();
        var createUser = api.Services.GetRequiredService<CreateUser>();
        var userId = await api.CreateUserAsync(Victim, "viewer");
        var other = await tenantDirectory.CreateAsync("test", "other", null);
        var stranger = await createUser.HandleAsync(other.Id, "test", new CreateUserRequest("stranger@other.test", null, "admin", Password, null));
        var userStamp = await StampAsync(api, 1, userId);
        var strangerStamp = await StampAsync(api, other.Id, stranger.Id);
        var now = api.Clock.GetUtcNow().UtcDateTime;

        async Task<HttpResponseMessage> MeAsync(string token)
        {
            using var client = api.CreateClient("Bearer " + token);
            return await client.GetAsync("/api/v1/auth/me");
        }

        // The minted tokens are right in every other respect: with the host's key and matching claims they work.
        (await (await MeAsync(MintToken(WeftApi.SigningKey, 1, "u:" + userId, userStamp, now))).ShouldBeOkAsync(HttpStatusCode.OK))["email"]!
            .GetValue<string>().ShouldBe(Victim);
        var theirs = await (await MeAsync(MintToken(WeftApi.SigningKey, other.Id, "u:" + stranger.Id, strangerStamp, now))).ShouldBeOkAsync(HttpStatusCode.OK);
        theirs["tenantKey"]!.GetValue<string>().ShouldBe("other");

        // Signed with another key, or not signed at all.
        await (await MeAsync(MintToken("some-other-signing-key-0123456789-abcdefghijk", 1, "u:" + userId, userStamp, now)))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await MeAsync(UnsignedToken(1, "u:" + userId, userStamp, now))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        // The host's key, but naming a user of another tenant as if it were of this one (and the other way round).
        await (await MeAsync(MintToken(WeftApi.SigningKey, 1, "u:" + stranger.Id, strangerStamp, now)))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await MeAsync(MintToken(WeftApi.SigningKey, other.Id, "u:" + userId, userStamp, now)))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        // The host's key and the right user, but a stamp the user does not have.
        await (await MeAsync(MintToken(WeftApi.SigningKey, 1, "u:" + userId, "0123456789ABCDEF0123456789ABCDEF", now)))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        // Not yet valid: issued for later than the host's clock.
        await (await MeAsync(MintToken(WeftApi.SigningKey, 1, "u:" + userId, userStamp, now.AddMinutes(5))))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Changing_ones_password_ends_the_tokens_issued_with_the_old_one(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.CreateUserAsync(Victim, "viewer");
        var me = await api.AsUserAsync(Victim);

        await (await me.PostAsync("/api/v1/auth/password", new { currentPassword = "not-my-password", newPassword = "brand-new-password-2" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "wrong_password");
        var tooShort = await (await me.PostAsync("/api/v1/auth/password", new { currentPassword = Password, newPassword = "short" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        tooShort["errors"]!["newPassword"].ShouldNotBeNull();
        // Neither refusal changed anything.
        (await me.SendAsync(HttpMethod.Get, "/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await api.SignInAsync(Victim, Password)).ShouldBeOkAsync(HttpStatusCode.OK);
        await (await api.SignInAsync(Victim, "brand-new-password-2")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        (await me.PostAsync("/api/v1/auth/password", new { currentPassword = Password, newPassword = "brand-new-password-2" })).StatusCode
            .ShouldBe(HttpStatusCode.NoContent);

        await (await me.SendAsync(HttpMethod.Get, "/api/v1/auth/me")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await api.SignInAsync(Victim, Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var renewed = await api.AsUserAsync(Victim, "brand-new-password-2");
        (await renewed.OkAsync(HttpMethod.Get, "/api/v1/auth/me"))["email"]!.GetValue<string>().ShouldBe(Victim);
        (await api.AuditAsync()).ShouldContain(e => e.Type() == "password_changed" && e.Actor() == Victim);

        // A program has no password to change.
        await (await api.PostAsync("/api/v1/auth/password", new { currentPassword = Password, newPassword = "brand-new-password-3" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "users_only");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_role_change_ends_the_users_tokens_so_no_token_keeps_a_former_role(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var id = await api.CreateUserAsync("boss@test.weft", "manager");
        var manager = await api.AsUserAsync("boss@test.weft");
        (await manager.OkAsync(HttpMethod.Get, "/api/v1/auth/me"))["permissions"]!.AsArray().Select(p => p!.GetValue<string>())
            .ShouldBe(["flow:read", "flow:work", "flow:manage", "production:read", "production:manage", "ai:read", "ai:run", "commerce:read", "commerce:move", "commerce:manage", "commerce:purchase",
                "support:read", "support:answer", "support:manage", "market:read", "market:trade", "market:operate"], ignoreOrder: true);
        (await manager.PostAsync("/api/v1/graphs", new { key = "before", name = "Before" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // A new name is no security change: the token stays good.
        await api.OkAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { name = "The Boss" });
        (await manager.SendAsync(HttpMethod.Get, "/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Demoted: the token issued under the manager role is refused outright, for writes and reads alike.
        (await api.OkAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { role = "viewer" }))["role"]!.GetValue<string>().ShouldBe("viewer");
        await (await manager.PostAsync("/api/v1/graphs", new { key = "after", name = "After" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await manager.SendAsync(HttpMethod.Get, "/api/v1/graphs")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        (await api.GetAsync("/api/v1/graphs/after")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Signing in again gives the viewer's rights and no more.
        var viewer = await api.AsUserAsync("boss@test.weft");
        (await viewer.OkAsync(HttpMethod.Get, "/api/v1/auth/me"))["permissions"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["flow:read", "production:read", "ai:read", "commerce:read", "support:read", "market:read", "market:trade"], ignoreOrder: true);
        await (await viewer.PostAsync("/api/v1/graphs", new { key = "after", name = "After" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        // Promoted: the viewer's token ends as well; the new role comes with a new sign-in.
        await api.OkAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { role = "admin" });
        await (await viewer.SendAsync(HttpMethod.Get, "/api/v1/graphs")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var admin = await api.AsUserAsync("boss@test.weft");
        (await admin.SendAsync(HttpMethod.Get, "/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task One_account_signs_in_from_many_places_at_once(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var id = await api.CreateUserAsync(Victim, "viewer");
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.SignInAsync(Victim, Password)));
        foreach (var answer in answers) await answer.ShouldBeOkAsync(HttpStatusCode.OK);
        (await api.AuditAsync()).Count(e => e.Type() == "user_signed_in" && e.Actor() == Victim).ShouldBe(8);

        // Concurrent failures are all counted: the lock comes at the limit, not later.
        answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => api.SignInAsync(Victim, "wrong-password-" + i)));
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Unauthorized);
        await (await api.SignInAsync(Victim, Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "account_locked");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/users/{id}"))["lockedUntil"].ShouldNotBeNull();
    }

    private static Task<string> StampAsync(WeftApi api, long tenant, long userId) =>
        SecurityDbAsync(api.Services, tenant, db => db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());
}
