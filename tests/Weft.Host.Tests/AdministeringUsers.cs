using System.Net;
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

/// <summary>An admin manages the tenant's people: who they are, their role, their agent, whether they may sign in.</summary>
public sealed class AdministeringUsers
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_user_is_created_once_per_email_across_all_tenants_and_only_when_every_field_is_valid(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var tenantDirectory = api.Services.GetRequiredService<TenantDirectory>();
        var createUser = api.Services.GetRequiredService<CreateUser>();
        var other = await tenantDirectory.CreateAsync("test", "other", null);
        await createUser.HandleAsync(other.Id, "test", new CreateUserRequest("shared@other.test", null, "viewer", Password, null));

        using var created = await api.PostAsync("/api/v1/users", new { email = "  New.Person@Test.Weft ", name = "New Person", role = "operator", password = Password });
        var user = await created.ShouldBeOkAsync(HttpStatusCode.Created);
        var id = user["id"]!.GetValue<long>();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/users/{id}");
        user["email"]!.GetValue<string>().ShouldBe("new.person@test.weft");
        user["role"]!.GetValue<string>().ShouldBe("operator");
        user["disabled"]!.GetValue<bool>().ShouldBeFalse();
        var listed = await (await api.GetAsync("/api/v1/users")).Content.ReadAsStringAsync();
        listed.ShouldContain("new.person@test.weft");
        listed.ShouldNotContain(Password);
        listed.ShouldNotContain("passwordHash", Case.Insensitive);
        listed.ShouldNotContain("stamp", Case.Insensitive);
        await (await api.SignInAsync("NEW.PERSON@test.weft", Password)).ShouldBeOkAsync(HttpStatusCode.OK);

        var count = await UserCountAsync(api);
        await (await api.PostAsync("/api/v1/users", new { email = "new.person@TEST.weft", role = "viewer", password = Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        // Emails sign in without naming a tenant, so one taken in another tenant is taken here too.
        await (await api.PostAsync("/api/v1/users", new { email = "shared@other.test", role = "viewer", password = Password }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");

        var invalid = await (await api.PostAsync("/api/v1/users", new { email = "not-an-email", role = "superuser", password = "short" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        invalid["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["email", "role", "password"], ignoreOrder: true);
        foreach (var body in new object[]
        {
            new { email = "a@b@c.test", role = "viewer", password = Password },
            new { email = "no role@test.weft", role = "viewer", password = Password },
            new { email = "fine@test.weft", password = Password },
            new { email = "fine@test.weft", role = "Admin", password = Password },
            new { email = "fine@test.weft", role = "viewer" },
            new { email = "fine@test.weft", role = "viewer", password = new string('p', 257) },
            new { email = "fine@test.weft", role = "viewer", password = Password, name = new string('n', 201) },
        })
            await (await api.PostAsync("/api/v1/users", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await UserCountAsync(api)).ShouldBe(count);
        await (await api.SignInAsync("fine@test.weft", Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_last_enabled_admin_can_be_neither_demoted_nor_disabled(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var first = await IdOfAsync(api, WeftApi.AdminEmail);

        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{first}", new { role = "manager" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{first}", new { disabled = true })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
        var unchanged = await api.OkAsync(HttpMethod.Get, $"/api/v1/users/{first}");
        unchanged["role"]!.GetValue<string>().ShouldBe("admin");
        unchanged["disabled"]!.GetValue<bool>().ShouldBeFalse();
        await api.TokenAsync(WeftApi.AdminEmail, WeftApi.AdminPassword);

        // With a second admin the first may step down; then the second is the last.
        var second = await api.CreateUserAsync("second@test.weft", "admin");
        (await api.OkAsync(HttpMethod.Patch, $"/api/v1/users/{first}", new { role = "manager" }))["role"]!.GetValue<string>().ShouldBe("manager");
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{second}", new { disabled = true })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
        // A disabled admin does not count.
        var third = await api.CreateUserAsync("third@test.weft", "admin");
        await api.OkAsync(HttpMethod.Patch, $"/api/v1/users/{third}", new { disabled = true });
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{second}", new { role = "viewer" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/users/{second}"))["role"]!.GetValue<string>().ShouldBe("admin");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_disabled_user_can_neither_sign_in_nor_use_a_token_they_already_had(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var id = await api.CreateUserAsync("leaver@test.weft", "manager");
        var leaver = await api.AsUserAsync("leaver@test.weft");
        (await leaver.SendAsync(HttpMethod.Get, "/api/v1/graphs")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await api.OkAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { disabled = true }))["disabled"]!.GetValue<bool>().ShouldBeTrue();
        await (await leaver.SendAsync(HttpMethod.Get, "/api/v1/graphs")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await leaver.PostAsync("/api/v1/graphs", new { key = "late", name = "Late" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        // The same answer as a wrong password: a disabled account is not revealed.
        await (await api.SignInAsync("leaver@test.weft", Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        // Enabled again: a new sign-in works; the old token stays dead.
        await api.OkAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { disabled = false });
        await api.TokenAsync("leaver@test.weft", Password);
        (await leaver.SendAsync(HttpMethod.Get, "/api/v1/graphs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.AuditAsync()).Count(e => e.Type() == "user_updated" && e.Actor()!.StartsWith("api-key:", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_user_is_linked_to_an_existing_agent_that_nobody_else_has(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.RegisterAgentAsync("eve");
        var eveUser = await api.CreateUserAsync("eve@test.weft", "operator", agent: "eve");
        var otherUser = await api.CreateUserAsync("other@test.weft", "operator");
        var count = await UserCountAsync(api);

        await (await api.PostAsync("/api/v1/users", new { email = "ghost@test.weft", role = "operator", password = Password, agent = "ghost" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "agent_not_found");
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{otherUser}", new { agent = "ghost" }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "agent_not_found");
        await (await api.PostAsync("/api/v1/users", new { email = "twin@test.weft", role = "operator", password = Password, agent = "eve" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "agent_already_linked");
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{otherUser}", new { agent = "eve" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "agent_already_linked");
        (await UserCountAsync(api)).ShouldBe(count);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/users/{otherUser}"))["agent"].ShouldBeNull();

        // Unlinked (an empty agent), eve is free for someone else; and the unlinked user's token ends.
        var eve = await api.AsUserAsync("eve@test.weft");
        (await api.OkAsync(HttpMethod.Patch, $"/api/v1/users/{eveUser}", new { agent = "" }))["agent"].ShouldBeNull();
        (await eve.SendAsync(HttpMethod.Get, "/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.OkAsync(HttpMethod.Patch, $"/api/v1/users/{otherUser}", new { agent = "eve" }))["agent"]!.GetValue<string>().ShouldBe("eve");
        (await (await api.AsUserAsync("other@test.weft")).OkAsync(HttpMethod.Get, "/api/v1/auth/me"))["agent"]!.GetValue<string>().ShouldBe("eve");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_update_names_the_version_it_was_made_against(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var id = await api.CreateUserAsync("pat@test.weft", "viewer");
        var version = (await api.OkAsync(HttpMethod.Get, $"/api/v1/users/{id}"))["version"]!.GetValue<int>();

        var renamed = await api.OkAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { name = "Pat", version });
        renamed["version"]!.GetValue<int>().ShouldBe(version + 1);
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { role = "admin", version }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/users/{id}"))["role"]!.GetValue<string>().ShouldBe("viewer");
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await api.SendAsync(HttpMethod.Patch, "/api/v1/users/999999", new { name = "Nobody" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user_not_found");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_requests_for_one_email_create_one_user_and_refuse_the_others(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        for (var round = 0; round < 3; round++)
        {
            var email = $"same{round}@test.weft";
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                api.PostAsync("/api/v1/users", new { email, role = "viewer", password = Password })));
            answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
            foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
                await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        }
        (await UserCountAsync(api)).ShouldBe(1 + 3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_updates_of_one_user_all_apply_or_are_refused_as_stale(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var id = await api.CreateUserAsync("pat@test.weft", "viewer");
        // Without a version: each applies in turn.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { name = "Pat " + i })));
        foreach (var answer in answers) await answer.ShouldBeOkAsync(HttpStatusCode.OK);
        var version = (await api.OkAsync(HttpMethod.Get, $"/api/v1/users/{id}"))["version"]!.GetValue<int>();
        version.ShouldBe(8);
        // Against one version: one applies, the others learn they were stale.
        answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { name = "Again " + i, version })));
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Admins_demoted_all_at_once_leave_one_admin(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var survivor = await IdOfAsync(api, WeftApi.AdminEmail);
        for (var round = 0; round < 3; round++)
        {
            var admins = new List<long> { survivor };
            for (var i = 0; i < 3; i++) admins.Add(await api.CreateUserAsync($"admin{round}.{i}@test.weft", "admin"));

            var answers = await Task.WhenAll(admins.Select(id => api.SendAsync(HttpMethod.Patch, $"/api/v1/users/{id}", new { role = "manager" })));

            answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(3);
            await answers.Single(a => a.StatusCode != HttpStatusCode.OK).ShouldBeProblemAsync(HttpStatusCode.Conflict, "last_admin");
            var users = (await api.OkAsync(HttpMethod.Get, "/api/v1/users?limit=500"))["items"]!.AsArray();
            survivor = users.Single(u => u!["role"]!.GetValue<string>() == "admin")!["id"]!.GetValue<long>();
        }
    }

    private static async Task<int> UserCountAsync(WeftApi api) =>
        (await api.OkAsync(HttpMethod.Get, "/api/v1/users?limit=500"))["items"]!.AsArray().Count;

    private static async Task<long> IdOfAsync(WeftApi api, string email) =>
        (await api.OkAsync(HttpMethod.Get, "/api/v1/users?limit=500"))["items"]!.AsArray().Single(u => u!["email"]!.GetValue<string>() == email)!["id"]!.GetValue<long>();
}
