using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Weft.Host.Tests.Infrastructure;
using Weft.Platform.Changes;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SignInKit;

namespace Weft.Host.Tests;

/// <summary>
/// The change feed that live pages subscribe to: a committed change reaches the subscribers of its
/// tenant whose tables it touches, one that rolled back reaches nobody, and on PostgreSQL a change
/// committed by another host process arrives too (LISTEN/NOTIFY).
/// </summary>
public sealed class FeedingLivePages
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_committed_change_reaches_its_tenants_subscribers_and_a_rolled_back_one_nobody(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var feed = api.Services.GetRequiredService<ChangeFeed>();
        var agents = new ConcurrentQueue<ChangeNotice>();
        var graphs = new ConcurrentQueue<ChangeNotice>();
        var otherTenant = new ConcurrentQueue<ChangeNotice>();
        using var a = feed.Subscribe(1, ["flow_agents"], agents.Enqueue);
        using var g = feed.Subscribe(1, ["flow_graphs"], graphs.Enqueue);
        using var o = feed.Subscribe(2, null, otherTenant.Enqueue);

        await api.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = "ann", name = "Ann", kind = "person" });
        agents.Count.ShouldBe(1, "the notice is raised as the command commits, before it answers");
        agents.Single().Tables.ShouldContain("flow_agents");
        agents.Single().Tenant.ShouldBe(1);

        // The engine writes the agent, then the user is refused: nothing committed, nothing told.
        await api.OkAsync(HttpMethod.Post, "/api/v1/users", new { email = "taken@test.weft", role = "viewer", password = Password });
        await (await api.PostAsync("/api/v1/users", new { email = "taken@test.weft", role = "operator", password = Password, newAgent = new { key = "ghost" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");
        await api.OkAsync(HttpMethod.Post, "/api/v1/graphs", new { key = "after", name = "After" });

        graphs.Count.ShouldBe(1);
        agents.Count.ShouldBe(1, "the rolled-back registration of 'ghost' was not told");
        otherTenant.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_change_committed_by_another_host_process_on_the_same_postgres_reaches_this_ones_subscribers()
    {
        if (TestDatabases.PostgresConnection is null) return;
        await using var first = await WeftApi.StartAsync("postgres");
        await using var second = await WeftApi.AttachAsync(first.Database, first.Clock);
        var arrived = new TaskCompletionSource<ChangeNotice>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = second.Services.GetRequiredService<ChangeFeed>().Subscribe(1, ["flow_agents"], n => arrived.TrySetResult(n));
        // The second process starts listening shortly after it starts: changes are made until one reaches it.
        for (var attempt = 0; !arrived.Task.IsCompleted && attempt < 30; attempt++)
        {
            await first.OkAsync(HttpMethod.Post, "/api/v1/agents", new { key = $"far-{attempt}", name = "Far away", kind = "person" });
            await Task.WhenAny(arrived.Task, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        var notice = await arrived.Task.WaitAsync(Patience);
        notice.Tenant.ShouldBe(1);
        notice.Tables.ShouldContain("flow_agents");
        notice.PublishedEvents.ShouldBeFalse("relayed notices only say what changed");
    }
}
