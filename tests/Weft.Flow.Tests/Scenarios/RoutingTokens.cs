using System.Text.Json.Nodes;
using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;
using static Weft.Flow.Tests.Scenarios.ScenarioKit;
using Weft.Platform.Errors;

namespace Weft.Flow.Tests.Scenarios;

public sealed class RoutingTokens
{
    // start → finish? (decision on "finish": leather → polish, canvas → wax, otherwise → plain) → end
    private static GraphDefinition FinishDecision() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "finish", Type = NodeType.Decision, DecisionField = "finish" },
            new() { Key = "polish", Type = NodeType.Task, Capability = "finishing" },
            new() { Key = "wax", Type = NodeType.Task, Capability = "finishing" },
            new() { Key = "plain", Type = NodeType.Task, Capability = "finishing" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "finish" },
            new() { From = "finish", To = "polish", Outcome = "leather" },
            new() { From = "finish", To = "wax", Outcome = "canvas" },
            new() { From = "finish", To = "plain", IsDefault = true },
            new() { From = "polish", To = "end" },
            new() { From = "wax", To = "end" },
            new() { From = "plain", To = "end" },
        ],
    };

    // start → measure → size? (large → reinforce → end, otherwise → end)
    private static GraphDefinition SizeDecisionAfterWork() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "measure", Type = NodeType.Task, Capability = "measuring" },
            new() { Key = "size", Type = NodeType.Decision, DecisionField = "size" },
            new() { Key = "reinforce", Type = NodeType.Task, Capability = "stitching" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "measure" },
            new() { From = "measure", To = "size" },
            new() { From = "size", To = "reinforce", Outcome = "large" },
            new() { From = "size", To = "end", IsDefault = true },
            new() { From = "reinforce", To = "end" },
        ],
    };

    // start → split → (handle | lining | strap) → join → assemble → end
    private static GraphDefinition ThreeBranches() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "split", Type = NodeType.Split },
            new() { Key = "handle", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "lining", Type = NodeType.Task, Capability = "sewing" },
            new() { Key = "strap", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "join", Type = NodeType.Join },
            new() { Key = "assemble", Type = NodeType.Task, Capability = "assembly" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "split" },
            new() { From = "split", To = "handle" },
            new() { From = "split", To = "lining" },
            new() { From = "split", To = "strap" },
            new() { From = "handle", To = "join" },
            new() { From = "lining", To = "join" },
            new() { From = "strap", To = "join" },
            new() { From = "join", To = "assemble" },
            new() { From = "assemble", To = "end" },
        ],
    };

    // start → prep → split → (measure | cut) → join → size? (large → reinforce → end, otherwise → end)
    private static GraphDefinition MeasuredInABranch() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "prep", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "split", Type = NodeType.Split },
            new() { Key = "measure", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "cut", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "join", Type = NodeType.Join },
            new() { Key = "size", Type = NodeType.Decision, DecisionField = "size" },
            new() { Key = "reinforce", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "prep" },
            new() { From = "prep", To = "split" },
            new() { From = "split", To = "measure" },
            new() { From = "split", To = "cut" },
            new() { From = "measure", To = "join" },
            new() { From = "cut", To = "join" },
            new() { From = "join", To = "size" },
            new() { From = "size", To = "reinforce", Outcome = "large" },
            new() { From = "size", To = "end", IsDefault = true },
            new() { From = "reinforce", To = "end" },
        ],
    };

    // start → stitch (3 operators) → pack → end
    private static GraphDefinition ThreeOperators() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "stitch", Type = NodeType.Task, Capability = "stitching", Operators = 3 },
            new() { Key = "pack", Type = NodeType.Task, Capability = "packing" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "stitch" },
            new() { From = "stitch", To = "pack" },
            new() { From = "pack", To = "end" },
        ],
    };

    // start → make → inspect (qc: pass → end, fail → rework → end when withFailEdge)
    private static GraphDefinition Inspected(bool withFailEdge) => new()
    {
        Nodes = withFailEdge
            ?
            [
                new() { Key = "start", Type = NodeType.Start },
                new() { Key = "make", Type = NodeType.Task, Capability = "making" },
                new() { Key = "inspect", Type = NodeType.Qc, Capability = "qc" },
                new() { Key = "rework", Type = NodeType.Task, Capability = "making" },
                new() { Key = "end", Type = NodeType.End },
            ]
            :
            [
                new() { Key = "start", Type = NodeType.Start },
                new() { Key = "make", Type = NodeType.Task, Capability = "making" },
                new() { Key = "inspect", Type = NodeType.Qc, Capability = "qc" },
                new() { Key = "end", Type = NodeType.End },
            ],
        Edges = withFailEdge
            ?
            [
                new() { From = "start", To = "make" },
                new() { From = "make", To = "inspect" },
                new() { From = "inspect", To = "end", Outcome = "pass" },
                new() { From = "inspect", To = "rework", Outcome = "fail" },
                new() { From = "rework", To = "end" },
            ]
            :
            [
                new() { From = "start", To = "make" },
                new() { From = "make", To = "inspect" },
                new() { From = "inspect", To = "end", Outcome = "pass" },
            ],
    };

    // start → triage (exits: repair → repair, replace → replace) → end
    private static GraphDefinition Triage() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "triage", Type = NodeType.Task, Capability = "triage" },
            new() { Key = "repair", Type = NodeType.Task, Capability = "repairing" },
            new() { Key = "replace", Type = NodeType.Task, Capability = "repairing" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "triage" },
            new() { From = "triage", To = "repair", Outcome = "repair" },
            new() { From = "triage", To = "replace", Outcome = "replace" },
            new() { From = "repair", To = "end" },
            new() { From = "replace", To = "end" },
        ],
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_decision_routes_on_the_job_data_and_falls_back_to_its_default_edge(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", FinishDecision());

        var leather = await host.JobAsync("bag", data: new JsonObject { ["finish"] = "leather" });
        var canvas = await host.JobAsync("bag", data: new JsonObject { ["finish"] = "canvas" });
        var unknown = await host.JobAsync("bag", data: new JsonObject { ["finish"] = "silk" });
        var missing = await host.JobAsync("bag", data: new JsonObject { ["colour"] = "red" });

        foreach (var (job, node) in new[] { (leather, "polish"), (canvas, "wax"), (unknown, "plain"), (missing, "plain") })
        {
            var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).ShouldHaveSingleItem();
            token.Node.ShouldBe(node, $"job {job.Reference} with data {job.Data.ToJsonString()}");
            token.State.ShouldBe(TokenStates.Active);
            var items = await host.ItemsAsync(job.Id);
            items.ShouldHaveSingleItem().Node.ShouldBe(node);
        }
    }

    // start → assess (task, records a score) → route (rules: amount > 1000 and not vip → review; score ≥ 0.8 or tier in
    // gold/platinum → fast; otherwise → standard) → …
    private static GraphDefinition RuledRouting() => new()
    {
        Fields = [new() { Name = "amount", Type = "number" }, new() { Name = "score", Type = "number" }, new() { Name = "customer.tier", Type = "string" }],
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "assess", Type = NodeType.Task, Capability = "assessing" },
            new()
            {
                Key = "route", Type = NodeType.Decision,
                Rules =
                [
                    new() { When = new() { All = [new() { Field = "amount", Op = "gt", Value = 1000 }, new() { Field = "vip", Op = "ne", Value = true }] }, Outcome = "review" },
                    new() { When = new() { Any = [new() { Field = "score", Op = "gte", Value = 0.8 }, new() { Field = "customer.tier", Op = "in", Values = ["gold", "platinum"] }] }, Outcome = "fast" },
                ],
            },
            new() { Key = "review", Type = NodeType.Task, Capability = "reviewing" },
            new() { Key = "fast", Type = NodeType.Task, Capability = "shipping" },
            new() { Key = "standard", Type = NodeType.Task, Capability = "shipping" },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "assess" },
            new() { From = "assess", To = "route" },
            new() { From = "route", To = "review", Outcome = "review" },
            new() { From = "route", To = "fast", Outcome = "fast" },
            new() { From = "route", To = "standard", Outcome = "standard", IsDefault = true },
            new() { From = "review", To = "end" },
            new() { From = "fast", To = "end" },
            new() { From = "standard", To = "end" },
        ],
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_decision_routes_by_its_first_rule_that_holds_on_the_tokens_and_the_jobs_data(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("orders", RuledRouting());
        await host.AgentAsync("ana", "assessing");
        (JsonObject Job, JsonObject Recorded, string Node)[] cases =
        [
            (new() { ["amount"] = 5000 }, new() { ["score"] = 0.95 }, "review"),
            (new() { ["amount"] = 5000, ["vip"] = true }, new() { ["score"] = 0.95 }, "fast"),
            (new() { ["amount"] = 200 }, new() { ["score"] = 0.5 }, "standard"),
            (new() { ["amount"] = 200, ["customer"] = new JsonObject { ["tier"] = "Platinum" } }, new(), "fast"),
            (new(), new() { ["amount"] = 1000.01 }, "review"),
        ];
        foreach (var (data, recorded, node) in cases)
        {
            var job = await host.JobAsync("orders", data: data);
            var assess = (await host.ItemsAsync(job.Id, "assess")).Single();
            await host.DoAsync("ana", assess.Id, data: recorded);
            var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
            token.Node.ShouldBe(node, $"job data {data.ToJsonString()}, recorded {recorded.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_graph_with_a_rule_on_a_declared_field_of_another_type_is_not_published(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var graph = RuledRouting();
        var broken = graph with
        {
            Nodes = graph.Nodes.Select(n => n.Key == "route"
                ? n with { Rules = [new() { When = new() { Field = "amount", Op = "gt", Value = "a lot" }, Outcome = "review" }] }
                : n).ToList(),
        };
        await host.Engine.Graphs.CreateGraphAsync(ScenarioKit.Manager, new CreateGraphRequest("orders", "Orders", broken));

        var refused = await Should.ThrowAsync<WeftException>(() => host.Engine.Graphs.PublishAsync(ScenarioKit.Manager, "orders", new PublishRequest(null)));

        refused.Code.ShouldBe("graph_invalid");
        ((IEnumerable<ValidationError>)refused.Details!).ShouldContain(e => e.Code == "rule_value_type" && e.Node == "route");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_decision_routes_on_what_a_completed_work_item_recorded_for_the_token(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", SizeDecisionAfterWork());
        await host.AgentAsync("ana", "measuring", "stitching");
        // The job says small, but the measurement recorded on the token says large: the token's data wins.
        var measuredLarge = await host.JobAsync("bag", data: new JsonObject { ["size"] = "small" });
        var measuredSmall = await host.JobAsync("bag");

        var large = await host.ItemsAsync(measuredLarge.Id, "measure");
        await host.DoAsync("ana", large.Single().Id, data: new JsonObject { ["size"] = "large", ["cm"] = 41 });
        var small = await host.ItemsAsync(measuredSmall.Id, "measure");
        await host.DoAsync("ana", small.Single().Id, data: new JsonObject { ["size"] = "small" });

        var largeToken = (await host.Engine.Jobs.GetTokensAsync(measuredLarge.Id)).Single();
        largeToken.Node.ShouldBe("reinforce");
        largeToken.State.ShouldBe(TokenStates.Active);
        (await host.ItemsAsync(measuredLarge.Id, "reinforce", WorkItemStates.Ready)).Count.ShouldBe(1);
        (await host.Engine.Jobs.GetJobAsync(measuredLarge.Id)).State.ShouldBe("active");

        var smallToken = (await host.Engine.Jobs.GetTokensAsync(measuredSmall.Id)).Single();
        smallToken.Node.ShouldBe("end");
        smallToken.State.ShouldBe(TokenStates.Completed);
        (await host.Engine.Jobs.GetJobAsync(measuredSmall.Id)).State.ShouldBe("completed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_split_into_three_branches_joins_only_when_all_three_arrive(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", ThreeBranches());
        await host.AgentAsync("ana", "leather", "sewing", "assembly");
        var job = await host.JobAsync("bag");

        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        var parent = tokens.Single(t => t.ParentTokenId is null);
        parent.State.ShouldBe(TokenStates.Split);
        parent.Node.ShouldBe("split");
        var children = tokens.Where(t => t.ParentTokenId == parent.Id).ToList();
        children.Count.ShouldBe(3);
        children.Select(c => c.Node).Order().ShouldBe(["handle", "lining", "strap"]);
        children.ShouldAllBe(c => c.State == TokenStates.Active && c.Serial == parent.Serial);
        var items = await host.ItemsAsync(job.Id, state: WorkItemStates.Ready);
        items.Select(i => i.Node).Order().ShouldBe(["handle", "lining", "strap"]);

        foreach (var node in new[] { "handle", "strap" })
            await host.DoAsync("ana", items.Single(i => i.Node == node).Id);

        tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        tokens.Single(t => t.Id == parent.Id).State.ShouldBe(TokenStates.Split, "two of three branches have arrived");
        tokens.Single(t => t.Id == parent.Id).Node.ShouldBe("split");
        tokens.Where(t => t.ParentTokenId == parent.Id && t.Node == "join").ShouldAllBe(t => t.State == TokenStates.Waiting);
        tokens.Count(t => t.ParentTokenId == parent.Id && t.Node == "join").ShouldBe(2);
        tokens.Single(t => t.ParentTokenId == parent.Id && t.Node == "lining").State.ShouldBe(TokenStates.Active);
        (await host.ItemsAsync(job.Id, "assemble")).ShouldBeEmpty();
        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("active");

        await host.DoAsync("ana", items.Single(i => i.Node == "lining").Id);

        tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        var continued = tokens.Single(t => t.Id == parent.Id);
        continued.State.ShouldBe(TokenStates.Active);
        continued.Node.ShouldBe("assemble");
        tokens.Where(t => t.ParentTokenId == parent.Id).ShouldAllBe(t => t.State == TokenStates.Merged && t.EndedAt != null);
        tokens.Count.ShouldBe(4, "the join merges the children, it creates no new token");
        var assemble = (await host.ItemsAsync(job.Id, "assemble")).ShouldHaveSingleItem();
        assemble.TokenId.ShouldBe(parent.Id);

        await host.DoAsync("ana", assemble.Id);
        (await host.TokenAsync(job.Id, parent.Id)).State.ShouldBe(TokenStates.Completed);
        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("completed");
    }

    /// <summary>
    /// Bug found by the debate pattern (rounds are split-join blocks one after another): the second join counted the
    /// first split's merged branches among its own and waited for them for ever.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_token_that_split_and_joined_once_joins_again_after_a_second_split(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("twice", TwoBlocks());
        await host.AgentAsync("ana", "leather");
        var job = await host.JobAsync("twice");

        foreach (var round in new[] { "1", "2" })
        {
            var items = await host.ItemsAsync(job.Id, state: WorkItemStates.Ready);
            items.Select(i => i.Node).Order().ShouldBe([$"a{round}", $"b{round}"]);
            foreach (var item in items) await host.DoAsync("ana", item.Id);
        }

        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("completed");
        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        tokens.Count.ShouldBe(5, "one token, two branches per split");
        tokens.Where(t => t.ParentTokenId is not null).ShouldAllBe(t => t.State == TokenStates.Merged);
    }

    // start → split1 → (a1 | b1) → join1 → split2 → (a2 | b2) → join2 → end
    private static GraphDefinition TwoBlocks() => new()
    {
        Nodes =
        [
            new() { Key = "start", Type = NodeType.Start },
            new() { Key = "split1", Type = NodeType.Split },
            new() { Key = "a1", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "b1", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "join1", Type = NodeType.Join },
            new() { Key = "split2", Type = NodeType.Split },
            new() { Key = "a2", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "b2", Type = NodeType.Task, Capability = "leather" },
            new() { Key = "join2", Type = NodeType.Join },
            new() { Key = "end", Type = NodeType.End },
        ],
        Edges =
        [
            new() { From = "start", To = "split1" },
            new() { From = "split1", To = "a1" },
            new() { From = "split1", To = "b1" },
            new() { From = "a1", To = "join1" },
            new() { From = "b1", To = "join1" },
            new() { From = "join1", To = "split2" },
            new() { From = "split2", To = "a2" },
            new() { From = "split2", To = "b2" },
            new() { From = "a2", To = "join2" },
            new() { From = "b2", To = "join2" },
            new() { From = "join2", To = "end" },
        ],
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task What_a_branch_records_travels_on_with_the_token_after_the_join(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", MeasuredInABranch());
        await host.AgentAsync("ana", "leather");
        var job = await host.JobAsync("bag");
        var parent = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        // Before the split the piece is recorded as small; the measuring branch finds it large, while
        // the cutting branch still carries the old value and records something else.
        await host.DoAsync("ana", (await host.OpenItemAsync(job.Id, parent.Id)).Id, data: new JsonObject { ["size"] = "small" });
        var measure = (await host.ItemsAsync(job.Id, "measure")).Single();
        var cut = (await host.ItemsAsync(job.Id, "cut")).Single();
        await host.DoAsync("ana", measure.Id, data: new JsonObject { ["size"] = "large" });
        await host.DoAsync("ana", cut.Id, data: new JsonObject { ["pieces"] = 4 });

        var token = await host.TokenAsync(job.Id, parent.Id);
        token.State.ShouldBe(TokenStates.Active);
        token.Node.ShouldBe("reinforce", "the size measured in a branch decides after the join");
        (await host.ItemsAsync(job.Id, "reinforce")).ShouldHaveSingleItem().TokenId.ShouldBe(parent.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_multi_operator_node_moves_the_token_only_after_every_operator_is_done(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", ThreeOperators());
        foreach (var agent in new[] { "ana", "bo", "cy" }) await host.AgentAsync(agent, "stitching");
        var job = await host.JobAsync("bag");
        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();

        var items = await host.ItemsAsync(job.Id, "stitch");
        items.Count.ShouldBe(3);
        items.Select(i => i.Operator).Order().ShouldBe([1, 2, 3]);
        items.ShouldAllBe(i => i.TokenId == token.Id && i.State == WorkItemStates.Ready);

        await host.DoAsync("ana", items[0].Id);
        await host.DoAsync("bo", items[1].Id);
        (await host.TokenAsync(job.Id, token.Id)).Node.ShouldBe("stitch", "one operator is still at work");
        (await host.ItemsAsync(job.Id, "pack")).ShouldBeEmpty();

        await host.DoAsync("cy", items[2].Id);
        (await host.TokenAsync(job.Id, token.Id)).Node.ShouldBe("pack");
        (await host.ItemsAsync(job.Id, "pack")).ShouldHaveSingleItem().State.ShouldBe(WorkItemStates.Ready);
        (await host.ItemsAsync(job.Id, "stitch")).ShouldAllBe(i => i.State == WorkItemStates.Completed);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_failed_quality_check_with_a_fail_edge_sends_the_same_token_to_rework(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", Inspected(withFailEdge: true));
        await host.AgentAsync("ana", "making", "qc");
        var job = await host.JobAsync("bag");
        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();

        await host.WalkAsync("ana", job.Id, token.Id, ("make", null), ("inspect", "fail"));

        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        tokens.ShouldHaveSingleItem().Node.ShouldBe("rework");
        tokens[0].State.ShouldBe(TokenStates.Active);
        tokens[0].CancelReason.ShouldBeNull();
        (await host.ItemsAsync(job.Id, "inspect")).Single().Outcome.ShouldBe("fail");

        await host.WalkAsync("ana", job.Id, token.Id, ("rework", null));
        tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        tokens.ShouldHaveSingleItem().State.ShouldBe(TokenStates.Completed);
        tokens[0].Node.ShouldBe("end");
        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("completed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_failed_quality_check_without_a_fail_edge_scraps_the_token_and_starts_a_replacement(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", Inspected(withFailEdge: false));
        await host.AgentAsync("ana", "making", "qc");
        var job = await host.JobAsync("bag", quantity: 2);
        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        var first = tokens.Single(t => t.Serial == 1);
        var second = tokens.Single(t => t.Serial == 2);

        await host.WalkAsync("ana", job.Id, first.Id, ("make", null), ("inspect", "pass"));
        await host.WalkAsync("ana", job.Id, second.Id, ("make", null), ("inspect", "fail"));

        tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        tokens.Count.ShouldBe(3);
        var scrapped = tokens.Single(t => t.Id == second.Id);
        var replacement = tokens.Single(t => t.ReplacesTokenId == second.Id);
        scrapped.State.ShouldBe(TokenStates.Cancelled);
        scrapped.CancelReason.ShouldBe(CancelReasons.QcFail);
        scrapped.ReplacedByTokenId.ShouldBe(replacement.Id);
        scrapped.EndedAt.ShouldNotBeNull();
        replacement.Serial.ShouldBe(2);
        replacement.Generation.ShouldBe(second.Generation + 1);
        replacement.GraphVersion.ShouldBe(second.GraphVersion);
        replacement.State.ShouldBe(TokenStates.Active);
        replacement.Node.ShouldBe("make", "a replacement starts over at the start");
        replacement.ReplacedByTokenId.ShouldBeNull();
        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("active", "the replacement is still live");

        await host.WalkAsync("ana", job.Id, replacement.Id, ("make", null), ("inspect", "pass"));

        tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);
        tokens.Single(t => t.Id == replacement.Id).State.ShouldBe(TokenStates.Completed);
        tokens.Single(t => t.Id == first.Id).State.ShouldBe(TokenStates.Completed);
        tokens.Single(t => t.Id == second.Id).State.ShouldBe(TokenStates.Cancelled);
        var done = await host.Engine.Jobs.GetJobAsync(job.Id);
        done.State.ShouldBe("completed");
        done.CompletedAt.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_job_completes_only_when_no_token_is_live(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", ThreeOperators());
        await host.AgentAsync("ana", "stitching", "packing");
        var job = await host.JobAsync("bag", quantity: 2);
        var tokens = await host.Engine.Jobs.GetTokensAsync(job.Id);

        foreach (var item in (await host.ItemsAsync(job.Id)).Where(i => i.TokenId == tokens[0].Id))
            await host.DoAsync("ana", item.Id);
        await host.WalkAsync("ana", job.Id, tokens[0].Id, ("pack", null));

        (await host.TokenAsync(job.Id, tokens[0].Id)).State.ShouldBe(TokenStates.Completed);
        var halfway = await host.Engine.Jobs.GetJobAsync(job.Id);
        halfway.State.ShouldBe("active");
        halfway.CompletedAt.ShouldBeNull();
        (await host.EventsAsync(job.Id)).ShouldNotContain(e => e.Type == "job_completed");

        foreach (var item in (await host.ItemsAsync(job.Id)).Where(i => i.TokenId == tokens[1].Id))
            await host.DoAsync("ana", item.Id);
        await host.WalkAsync("ana", job.Id, tokens[1].Id, ("pack", null));

        (await host.Engine.Jobs.GetJobAsync(job.Id)).State.ShouldBe("completed");
        (await host.EventsAsync(job.Id)).Count(e => e.Type == "job_completed").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_quality_check_completes_only_with_pass_or_fail(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("bag", Inspected(withFailEdge: true));
        await host.AgentAsync("ana", "making", "qc");
        var job = await host.JobAsync("bag");
        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        await host.WalkAsync("ana", job.Id, token.Id, ("make", null));
        var inspect = await host.OpenItemAsync(job.Id, token.Id);
        var ana = new CommandContext("ana");
        await host.Engine.Work.ClaimAsync(ana, inspect.Id);
        await host.Engine.Work.StartAsync(ana, inspect.Id);

        foreach (var outcome in new[] { null, "", "maybe", "rework" })
        {
            await RefusedAsync(() => host.Engine.Work.CompleteAsync(ana, inspect.Id, outcome, null), ErrorKind.Rule, "outcome_invalid");
        }
        (await host.Engine.Work.GetWorkItemAsync(inspect.Id)).State.ShouldBe(WorkItemStates.InProgress);
        (await host.TokenAsync(job.Id, token.Id)).Node.ShouldBe("inspect");

        var passed = await host.Engine.Work.CompleteAsync(ana, inspect.Id, "pass", null);
        passed.Outcome.ShouldBe("pass");
        (await host.TokenAsync(job.Id, token.Id)).State.ShouldBe(TokenStates.Completed);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_task_with_labelled_exits_completes_only_with_one_of_its_labels(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        await host.PublishAsync("repair", Triage());
        await host.AgentAsync("ana", "triage");
        var job = await host.JobAsync("repair");
        var token = (await host.Engine.Jobs.GetTokensAsync(job.Id)).Single();
        var triage = await host.OpenItemAsync(job.Id, token.Id);
        var ana = new CommandContext("ana");
        await host.Engine.Work.ClaimAsync(ana, triage.Id);
        await host.Engine.Work.StartAsync(ana, triage.Id);

        foreach (var outcome in new[] { null, "discard", "pass" })
        {
            await RefusedAsync(() => host.Engine.Work.CompleteAsync(ana, triage.Id, outcome, null), ErrorKind.Rule, "outcome_invalid");
        }
        (await host.Engine.Work.GetWorkItemAsync(triage.Id)).State.ShouldBe(WorkItemStates.InProgress);

        await host.Engine.Work.CompleteAsync(ana, triage.Id, "replace", null);
        (await host.TokenAsync(job.Id, token.Id)).Node.ShouldBe("replace");
        (await host.ItemsAsync(job.Id, "replace")).ShouldHaveSingleItem();
        (await host.ItemsAsync(job.Id, "repair")).ShouldBeEmpty();
    }
}
