using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;
using Weft.Testing;

namespace Weft.Flow.Tests.Scenarios;

/// <summary>A manager moves a job's due date or priority: its open work follows, its finished work keeps its history.</summary>
public sealed class ReplanningJobs
{
    private static readonly CommandContext Manager = new("manager");
    private static readonly DateTime Friday = new(2026, 12, 4, 17, 0, 0, DateTimeKind.Utc);

    private static GraphDefinition TwoSteps() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "cut", Type = NodeType.Task, Capability = "cutting" },
            new() { Key = "sew", Type = NodeType.Task, Capability = "cutting" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges = [new() { From = "start", To = "cut" }, new() { From = "cut", To = "sew" }, new() { From = "sew", To = "end" }],
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Open_work_takes_the_new_priority_and_due_date_and_new_work_too(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await host.PublishAsync("two", TwoSteps());
        await host.AgentAsync("ana", "cutting");
        var job = await e.Jobs.StartJobAsync(Manager, new StartJobRequest("two", null, 2, "J-1", 0, Friday, null));
        var items = await host.ItemsAsync(job.Id);
        var ana = new CommandContext("ana");
        await e.Work.ClaimAsync(ana, items[0].Id);
        await e.Work.StartAsync(ana, items[0].Id);
        await e.Work.CompleteAsync(ana, items[0].Id, null, null);

        var replanned = await e.Jobs.ReplanJobAsync(Manager, job.Id, new ReplanJobRequest(7, Friday.AddDays(-2)));

        replanned.Priority.ShouldBe(7);
        replanned.Revision.ShouldBe(job.Revision + 1);
        (await e.Jobs.GetJobAsync(job.Id)).Revision.ShouldBe(replanned.Revision);
        replanned.DueAt.ShouldBe(Friday.AddDays(-2));
        var now = await host.ItemsAsync(job.Id);
        var done = now.Single(i => i.Id == items[0].Id);
        (done.Priority, done.DueAt).ShouldBe((0, Friday), "finished work keeps the plan it was done under");
        foreach (var open in now.Where(i => WorkItemStates.Open.Contains(i.State)))
            (open.Priority, open.DueAt).ShouldBe((7, Friday.AddDays(-2)));
        now.Count(i => WorkItemStates.Open.Contains(i.State)).ShouldBe(2, "the second piece at cut, the first at sew");

        // Only the priority: the due date stays.
        (await e.Jobs.ReplanJobAsync(Manager, job.Id, new ReplanJobRequest(-3, null))).DueAt.ShouldBe(Friday.AddDays(-2));
        var events = await e.Jobs.GetJobEventsAsync(job.Id, 500, null);
        events.Items.Count(ev => ev.Type == "job_replanned").ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_replan_is_refused_with_a_reason_and_changes_nothing(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await host.PublishAsync("two", TwoSteps());
        var job = await e.Jobs.StartJobAsync(Manager, new StartJobRequest("two", null, 1, "J-2", 1, Friday, null));

        (await Should.ThrowAsync<WeftException>(() => e.Jobs.ReplanJobAsync(Manager, job.Id, new ReplanJobRequest(null, null)))).Code.ShouldBe("validation_failed");
        (await Should.ThrowAsync<WeftException>(() => e.Jobs.ReplanJobAsync(Manager, job.Id, new ReplanJobRequest(1001, null)))).Code.ShouldBe("validation_failed");
        (await Should.ThrowAsync<WeftException>(() => e.Jobs.ReplanJobAsync(Manager, job.Id,
            new ReplanJobRequest(null, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Unspecified))))).Code.ShouldBe("validation_failed");
        (await Should.ThrowAsync<WeftException>(() => e.Jobs.ReplanJobAsync(Manager, 999_999, new ReplanJobRequest(2, null)))).Code.ShouldBe("job_not_found");
        await e.Jobs.CancelJobAsync(Manager, job.Id);
        (await Should.ThrowAsync<WeftException>(() => e.Jobs.ReplanJobAsync(Manager, job.Id, new ReplanJobRequest(2, null)))).Code.ShouldBe("job_not_active");

        var after = await e.Jobs.GetJobAsync(job.Id);
        (after.Priority, after.DueAt).ShouldBe((1, Friday));
    }
}
