using Weft.Flow.Definitions;

namespace Weft.Flow.Tests.Definitions;

public sealed class ValidatingGraphs
{
    /// <summary>One broken rule: the fixture that breaks it and the error it must produce.</summary>
    private sealed record Case(string Name, string Code, Func<G> Graph, string? Node = null, string? Edge = null);

    /// <summary>s -> a (task) -> e: valid, and the base most cases break one rule of.</summary>
    private static G Linear() => G.Start("s").Task("a").End("e").Edge("s", "a").Edge("a", "e");

    private static readonly Case[] Cases =
    [
        new("node with a blank key", "node_key_missing", () => Linear().Task("  ")),
        new("node key with spaces and punctuation", "node_key_invalid",
            () => Linear().Task("bad key!"), Node: "bad key!"),
        new("node key longer than 64 characters", "node_key_invalid", () => Linear().Task(new string('k', 65)), Node: new string('k', 65)),
        new("two nodes share a key", "duplicate_node_key", () => Linear().Task("a", "stitch"), Node: "a"),
        new("more than 500 nodes", "graph_too_large", () => Many(501, 0)),
        new("more than 2000 edges", "graph_too_large", () => Many(3, 2001)),
        new("no start node", "start_missing", () => G.Empty.Task("a").End("e").Edge("a", "e")),
        new("two start nodes", "start_multiple", () => Linear().Node("s2", NodeType.Start).Edge("s2", "a")),
        new("edge into the start", "start_has_incoming",
            () => Linear().Task("b").Edge("b", "s"), Node: "s", Edge: "b->s"),
        new("start with two exits", "start_outgoing_count",
            () => Linear().Task("b").Edge("s", "b").Edge("b", "e"), Node: "s"),
        new("start with no exit", "start_outgoing_count", () => G.Start("s").End("e"), Node: "s"),
        new("no end node", "end_missing", () => G.Start("s").Task("a").Edge("s", "a")),
        new("edge out of an end", "end_has_outgoing",
            () => Linear().End("e2").Edge("e", "e2"), Node: "e", Edge: "e->e2"),
        new("edge to an unknown node", "edge_unknown_node",
            () => Linear().Edge("a", "ghost", "lost"), Edge: "a->ghost"),
        new("edge from an unknown node", "edge_unknown_node", () => Linear().Edge("ghost", "e"), Edge: "ghost->e"),
        new("same edge twice", "duplicate_edge", () => Linear().Edge("a", "e"), Edge: "a->e"),
        new("cycle through three tasks", "cycle",
            () => G.Start("s").Task("a").Task("b").Task("c").End("e")
                .Edge("s", "a").Edge("a", "b").Edge("b", "c").Edge("c", "a", "again").Edge("c", "e", "done"), Node: "a"),
        new("self loop", "cycle", () => Linear().Edge("a", "a", "again"), Node: "a"),
        new("node no path from the start reaches", "unreachable_node",
            () => Linear().Task("orphan").Edge("orphan", "e"), Node: "orphan"),
        new("dead end task", "cannot_reach_end",
            () => G.Start("s").Task("a").Task("b").End("e")
                .Edge("s", "a").Edge("a", "e", "done").Edge("a", "b", "rework"), Node: "b"),
        new("task without capability", "capability_missing", () => Linear().Change("a", n => n with { Capability = null }), Node: "a"),
        new("qc without capability", "capability_missing",
            () => G.Start("s").Qc("q").End("e").Edge("s", "q").Edge("q", "e", "pass").Change("q", n => n with { Capability = " " }), Node: "q"),
        new("zero operators", "operators_invalid", () => Linear().Change("a", n => n with { Operators = 0 }), Node: "a"),
        new("101 operators", "operators_invalid", () => Linear().Change("a", n => n with { Operators = 101 }), Node: "a"),
        new("level 0", "level_invalid", () => Linear().Change("a", n => n with { Level = 0 }), Node: "a"),
        new("level 11", "level_invalid", () => Linear().Change("a", n => n with { Level = 11 }), Node: "a"),
        new("zero timeout", "timeout_invalid", () => Linear().Change("a", n => n with { TimeoutMinutes = 0 }), Node: "a"),
        new("negative standard minutes", "standard_minutes_invalid",
            () => Linear().Change("a", n => n with { StandardMinutes = -1 }), Node: "a"),
        new("affinity with itself", "affinity_invalid",
            () => Linear().Change("a", n => n with { Affinity = "same_agent_as:a" }), Node: "a"),
        new("affinity with an unknown node", "affinity_invalid",
            () => Linear().Change("a", n => n with { Affinity = "same_agent_as:ghost" }), Node: "a"),
        new("affinity with an end node", "affinity_invalid",
            () => Linear().Change("a", n => n with { Affinity = "same_agent_as:e" }), Node: "a"),
        new("affinity in an unknown form", "affinity_invalid",
            () => Linear().Change("a", n => n with { Affinity = "whoever" }), Node: "a"),
        new("decision without field", "decision_field_missing",
            () => Decision().Change("d", n => n with { DecisionField = "" }), Node: "d"),
        new("decision with one edge", "decision_too_few_edges",
            () => G.Start("s").Decision("d").End("e").Edge("s", "d").Default("d", "e"), Node: "d"),
        new("decision edge without outcome", "decision_edge_unlabelled",
            () => G.Start("s").Decision("d").Task("a").Task("b").End("e")
                .Edge("s", "d").Edge("d", "a").Default("d", "b").Edge("a", "e").Edge("b", "e"), Node: "d", Edge: "d->a"),
        new("decision outcomes differing only by case", "decision_duplicate_outcome",
            () => Decision().Task("c").Edge("d", "c", "SMALL").Edge("c", "e"), Node: "d", Edge: "d->c"),
        new("decision without default", "decision_default_missing",
            () => G.Start("s").Decision("d").Task("a").Task("b").End("e")
                .Edge("s", "d").Edge("d", "a", "x").Edge("d", "b", "y").Edge("a", "e").Edge("b", "e"), Node: "d"),
        new("decision with two defaults", "decision_multiple_defaults",
            () => Decision().Task("c").Default("d", "c", "other").Edge("c", "e"), Node: "d"),
        new("qc with only a fail edge", "qc_pass_edge_missing",
            () => G.Start("s").Qc("q").End("e").Edge("s", "q").Edge("q", "e", "fail"), Node: "q"),
        new("qc edge with an unknown outcome", "qc_outcome_invalid",
            () => G.Start("s").Qc("q").End("e").End("x").Edge("s", "q").Edge("q", "e", "pass").Edge("q", "x", "maybe"),
            Node: "q", Edge: "q->x"),
        new("unlabelled edge on a qc with two exits", "qc_outcome_invalid",
            () => G.Start("s").Qc("q").End("e").End("x").Edge("s", "q").Edge("q", "e", "pass").Edge("q", "x"),
            Node: "q", Edge: "q->x"),
        new("unlabelled exit of a task with two exits", "task_edge_unlabelled",
            () => Linear().End("x").Edge("a", "x", "scrap"), Node: "a", Edge: "a->e"),
        new("two task exits with the same outcome", "task_duplicate_outcome",
            () => G.Start("s").Task("a").End("e").End("x")
                .Edge("s", "a").Edge("a", "e", "done").Edge("a", "x", "Done"), Node: "a", Edge: "a->x"),
        new("default edge leaving a task", "default_not_allowed",
            () => G.Start("s").Task("a").End("e").Edge("s", "a").Default("a", "e"), Node: "a", Edge: "a->e"),
        new("split with one branch", "split_too_few_branches",
            () => G.Start("s").Split("p").Task("a").End("e").Edge("s", "p").Edge("p", "a").Edge("a", "e"), Node: "p"),
        new("join with one incoming edge", "join_too_few_incoming",
            () => G.Start("s").Task("a").Join("j").End("e").Edge("s", "a").Edge("a", "j").Edge("j", "e"), Node: "j"),
        new("split whose branches end separately", "split_unmatched",
            () => G.Start("s").Split("p").Task("a").Task("b").End("e").End("e2")
                .Edge("s", "p").Edge("p", "a").Edge("p", "b").Edge("a", "e").Edge("b", "e2"), Node: "p"),
        new("split whose branches meet at a task", "split_unmatched",
            () => G.Start("s").Split("p").Task("a").Task("b").Task("m").End("e")
                .Edge("s", "p").Edge("p", "a").Edge("p", "b").Edge("a", "m").Edge("b", "m").Edge("m", "e"), Node: "p"),
        new("decision arm leaving a split block", "split_unmatched",
            () => G.Start("s").Split("p").Task("a").Decision("d").Task("x").Join("j").End("e").End("scrapped")
                .Edge("s", "p").Edge("p", "a").Edge("p", "d").Edge("a", "j")
                .Default("d", "x").Edge("d", "scrapped", "scrap").Edge("x", "j").Edge("j", "e"), Node: "p"),
        new("join closing decision arms", "join_unmatched",
            () => G.Start("s").Decision("d").Task("a").Task("b").Join("j").End("e")
                .Edge("s", "d").Edge("d", "a", "x").Default("d", "b").Edge("a", "j").Edge("b", "j").Edge("j", "e"), Node: "j"),
        new("join closing two splits", "join_unmatched",
            () => G.Start("s").Split("p1").Split("p2").Task("a").Task("b").Task("c").Join("j").End("e")
                .Edge("s", "p1").Edge("p1", "a").Edge("p1", "p2").Edge("p2", "b").Edge("p2", "c")
                .Edge("a", "j").Edge("b", "j").Edge("c", "j").Edge("j", "e"), Node: "j"),
        new("branch entered by a decision outside the block", "block_entered_from_outside",
            () => G.Start("s").Decision("d").Split("p").Task("a").Task("b").Join("j").End("e")
                .Edge("s", "d").Default("d", "p").Edge("d", "b", "skip")
                .Edge("p", "a").Edge("p", "b").Edge("a", "j").Edge("b", "j").Edge("j", "e"), Node: "b", Edge: "d->b"),
        new("join entered from outside its block", "block_entered_from_outside",
            () => G.Start("s").Decision("d").Split("p").Task("a").Task("b").Join("j").End("e")
                .Edge("s", "d").Default("d", "p").Edge("d", "j", "skip")
                .Edge("p", "a").Edge("p", "b").Edge("a", "j").Edge("b", "j").Edge("j", "e"), Node: "j", Edge: "d->j"),
        new("node of unknown type", "node_type_invalid", () => Linear().Node("odd", (NodeType)42), Node: "odd"),
        new("declared field without a usable name", "field_invalid", () => Ruled(Gt("amount", 5)).Field("bad name", "number")),
        new("declared field of an unknown type", "field_type_unknown", () => Ruled(Gt("amount", 5)).Field("amount", "money")),
        new("field declared twice", "field_duplicate", () => Ruled(Gt("amount", 5)).Field("amount", "number").Field("amount", "string")),
        new("more than 50 rules", "rule_too_complex", () => Ruled(Enumerable.Repeat(Gt("amount", 5), 51).ToArray()), Node: "d"),
        new("conditions nested six deep", "rule_too_complex",
            () => Ruled(Nest(6, Gt("amount", 5))), Node: "d"),
        new("rule without a condition", "rule_condition_missing", () => Ruled(new DecisionRule { Outcome = "large" }), Node: "d"),
        new("rule leading to no edge", "rule_outcome_unknown", () => Ruled(new DecisionRule { When = Gt("amount", 5), Outcome = "huge" }), Node: "d"),
        new("condition that is both a comparison and a group", "rule_condition_invalid",
            () => Ruled(new RuleCondition { Field = "amount", Op = "gt", Value = 5, All = [Gt("amount", 1)] }), Node: "d"),
        new("condition that is neither", "rule_condition_invalid", () => Ruled(new RuleCondition()), Node: "d"),
        new("empty all group", "rule_group_empty", () => Ruled(new RuleCondition { All = [] }), Node: "d"),
        new("comparison of no field", "rule_field_invalid", () => Ruled(new RuleCondition { Op = "eq", Value = 1 }), Node: "d"),
        new("field path with a space", "rule_field_invalid", () => Ruled(new RuleCondition { Field = "order total", Op = "eq", Value = 1 }), Node: "d"),
        new("unknown operator", "rule_operator_unknown", () => Ruled(new RuleCondition { Field = "amount", Op = "like", Value = "1%" }), Node: "d"),
        new("symbol instead of an operator's name", "rule_operator_unknown", () => Ruled(new RuleCondition { Field = "amount", Op = ">", Value = 1 }), Node: "d"),
        new("comparison without a value", "rule_value_missing", () => Ruled(new RuleCondition { Field = "amount", Op = "gt" }), Node: "d"),
        new("in with an empty list", "rule_value_missing", () => Ruled(new RuleCondition { Field = "tier", Op = "in", Values = [] }), Node: "d"),
        new("in with a single value", "rule_value_missing", () => Ruled(new RuleCondition { Field = "tier", Op = "in", Value = "gold" }), Node: "d"),
        new("exists with a value", "rule_value_invalid", () => Ruled(new RuleCondition { Field = "tier", Op = "exists", Value = true }), Node: "d"),
        new("comparison with an object", "rule_value_invalid",
            () => Ruled(new RuleCondition { Field = "tier", Op = "eq", Value = new System.Text.Json.Nodes.JsonObject() }), Node: "d"),
        new("number field compared with text", "rule_value_type", () => Ruled(new RuleCondition { Field = "amount", Op = "gt", Value = "big" }).Field("amount", "number"), Node: "d"),
        new("boolean field ordered", "rule_value_type", () => Ruled(new RuleCondition { Field = "vip", Op = "gt", Value = true }).Field("vip", "boolean"), Node: "d"),
        new("date field compared with a word", "rule_value_type", () => Ruled(new RuleCondition { Field = "due", Op = "lt", Value = "tomorrow" }).Field("due", "date"), Node: "d"),
        new("text field among numbers", "rule_value_type",
            () => Ruled(new RuleCondition { Field = "tier", Op = "in", Values = ["gold", 3] }).Field("tier", "string"), Node: "d"),
        new("timer with neither a delay nor a date field", "timer_delay_missing", () => Waiting(Timer(minutes: null)), Node: "hold"),
        new("timer with both a delay and a date field", "timer_delay_missing", () => Waiting(Timer(30, "due")), Node: "hold"),
        new("timer of zero minutes", "timer_delay_invalid", () => Waiting(Timer(0)), Node: "hold"),
        new("timer until a field that is no field name", "timer_delay_invalid", () => Waiting(Timer(null, "due date")), Node: "hold"),
        new("timer with two exits", "waiting_edge_invalid", () => Waiting(Timer()).End("x").Edge("hold", "x", "other"), Node: "hold"),
        new("wait without a message", "wait_message_missing", () => Waiting(Wait(message: null)), Node: "hold"),
        new("wait for a message with spaces", "wait_message_missing", () => Waiting(Wait(message: "payment captured")), Node: "hold"),
        new("wait correlating on no field", "wait_correlation_invalid", () => Waiting(Wait(correlation: "order id")), Node: "hold"),
        new("wait with a negative timeout", "timeout_invalid", () => Waiting(Wait(timeout: -5), timeoutEdge: true), Node: "hold"),
        new("wait with a timeout edge and no timeout", "wait_timeout_missing", () => Waiting(Wait(), timeoutEdge: true), Node: "hold"),
        new("wait with a timeout and no timeout edge", "wait_timeout_edge_missing", () => Waiting(Wait(timeout: 60)), Node: "hold"),
        new("wait with an exit of another outcome", "waiting_edge_invalid", () => Waiting(Wait()).End("x").Edge("hold", "x", "maybe"), Node: "hold"),
        new("deadline of zero minutes", "deadline_invalid", () => Linear().Change("a", n => n with { DeadlineMinutes = 0 }), Node: "a"),
        new("deadline both in minutes and from a field", "deadline_invalid",
            () => Linear().Change("a", n => n with { DeadlineMinutes = 60, DeadlineField = "due" }), Node: "a"),
        new("deadline from no field", "deadline_invalid", () => Linear().Change("a", n => n with { DeadlineField = "due by" }), Node: "a"),
        new("escalation without a deadline", "escalation_invalid", () => Linear().Change("a", n => n with { EscalateToLevel = 2 }), Node: "a"),
        new("escalation to level 11", "escalation_invalid",
            () => Linear().Change("a", n => n with { DeadlineMinutes = 60, EscalateToLevel = 11 }), Node: "a"),
        new("escalation to a blank capability", "escalation_invalid",
            () => Linear().Change("a", n => n with { DeadlineMinutes = 60, EscalateToCapability = " " }), Node: "a"),
        new("required capabilities from no field", "require_field_invalid", () => Linear().Change("a", n => n with { RequireField = "the team" }), Node: "a"),
        new("required capabilities at a decision", "require_field_invalid",
            () => Decision().Change("d", n => n with { RequireField = "team" }), Node: "d"),
        new("preferred capabilities from no field", "prefer_field_invalid", () => Linear().Change("a", n => n with { PreferField = "" }), Node: "a"),
        new("preferred capabilities at the start", "prefer_field_invalid", () => Linear().Change("s", n => n with { PreferField = "language" }), Node: "s"),
        new("preferring the capabilities it requires", "prefer_field_invalid",
            () => Linear().Change("a", n => n with { RequireField = "team", PreferField = "team" }), Node: "a"),
    ];

    /// <summary>s -> hold (a timer or wait node) -> a -> e, and a timeout edge hold -> late -> e when asked.</summary>
    private static G Waiting(NodeDefinition hold, bool timeoutEdge = false)
    {
        var g = G.Start("s").Add(hold).Task("a").End("e").Edge("s", "hold").Edge("hold", "a").Edge("a", "e");
        return timeoutEdge ? g.Task("late").Edge("hold", "late", "timeout").Edge("late", "e") : g;
    }

    private static NodeDefinition Timer(double? minutes = 30, string? until = null) =>
        new() { Key = "hold", Type = NodeType.Timer, DelayMinutes = minutes, UntilField = until };

    private static NodeDefinition Wait(string? message = "payment.captured", double? timeout = null, string? correlation = null) =>
        new() { Key = "hold", Type = NodeType.Wait, Message = message, TimeoutMinutes = timeout, CorrelationField = correlation };

    private static RuleCondition Gt(string field, decimal value) => new() { Field = field, Op = "gt", Value = value };

    private static RuleCondition Nest(int depth, RuleCondition inner) => depth <= 1 ? inner : new() { All = [Nest(depth - 1, inner)] };

    private static G Ruled(params RuleCondition[] conditions) =>
        Ruled(conditions.Select(c => new DecisionRule { When = c, Outcome = "large" }).ToArray());

    /// <summary><see cref="Decision"/> deciding by rules instead of a field.</summary>
    private static G Ruled(params DecisionRule[] rules) => Decision().Change("d", n => n with { DecisionField = null, Rules = rules });

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Reports_the_broken_rule(string name)
    {
        var @case = Cases.Single(c => c.Name == name);

        var result = GraphValidator.Validate(@case.Graph().Build());

        result.Valid.ShouldBeFalse();
        var matching = result.Errors.Where(e => e.Code == @case.Code).ToList();
        matching.ShouldNotBeEmpty($"expected {@case.Code}, got: {Codes(result)}");
        if (@case.Node is not null)
            matching.ShouldContain(e => e.Node == @case.Node, $"expected {@case.Code} on node {@case.Node}, got: {Codes(result)}");
        if (@case.Edge is not null)
            matching.ShouldContain(e => e.Edge == @case.Edge, $"expected {@case.Code} on edge {@case.Edge}, got: {Codes(result)}");
        result.Errors.ShouldAllBe(e => !string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void Every_rule_has_a_case() =>
        Cases.Select(c => c.Code).Distinct().ShouldBe(
        [
            "node_key_missing", "node_key_invalid", "duplicate_node_key", "graph_too_large",
            "start_missing", "start_multiple", "start_has_incoming", "start_outgoing_count",
            "end_missing", "end_has_outgoing", "edge_unknown_node", "duplicate_edge", "cycle",
            "unreachable_node", "cannot_reach_end",
            "capability_missing", "operators_invalid", "level_invalid", "timeout_invalid", "standard_minutes_invalid", "affinity_invalid",
            "decision_field_missing", "decision_too_few_edges", "decision_edge_unlabelled", "decision_duplicate_outcome",
            "decision_default_missing", "decision_multiple_defaults",
            "qc_pass_edge_missing", "qc_outcome_invalid", "task_edge_unlabelled", "task_duplicate_outcome", "default_not_allowed",
            "split_too_few_branches", "join_too_few_incoming", "split_unmatched", "join_unmatched", "block_entered_from_outside",
            "node_type_invalid",
            "field_invalid", "field_type_unknown", "field_duplicate", "rule_too_complex", "rule_condition_missing", "rule_outcome_unknown",
            "rule_condition_invalid", "rule_group_empty", "rule_field_invalid", "rule_operator_unknown", "rule_value_missing",
            "rule_value_invalid", "rule_value_type",
            "timer_delay_missing", "timer_delay_invalid", "waiting_edge_invalid", "wait_message_missing", "wait_correlation_invalid",
            "wait_timeout_missing", "wait_timeout_edge_missing", "deadline_invalid", "escalation_invalid",
            "require_field_invalid", "prefer_field_invalid",
        ], ignoreOrder: true);

    [Fact]
    public void Timers_and_waits_with_and_without_a_timeout_are_valid()
    {
        ShouldBeValid(Waiting(Timer(90)));
        ShouldBeValid(Waiting(Timer(null, "order.ship_by")));
        ShouldBeValid(Waiting(Wait()));
        ShouldBeValid(Waiting(Wait(timeout: 1440, correlation: "order.id"), timeoutEdge: true));
    }

    [Fact]
    public void A_decision_by_typed_rules_is_valid() =>
        ShouldBeValid(Ruled(
                new DecisionRule { When = new() { All = [Gt("amount", 1000), new() { Field = "customer.tier", Op = "in", Values = ["gold", "platinum"] }] }, Outcome = "large" },
                new DecisionRule { When = new() { Any = [new() { Field = "vip", Op = "eq", Value = true }, new() { Field = "due", Op = "lt", Value = "2026-12-24T00:00:00Z" }] }, Outcome = "small" },
                new DecisionRule { When = new() { Field = "note", Op = "exists" }, Outcome = "small" })
            .Field("amount", "number").Field("customer.tier", "string").Field("vip", "boolean").Field("due", "date"));

    [Fact]
    public void A_linear_atelier_graph_is_valid() => ShouldBeValid(Atelier());

    [Fact]
    public void A_decision_graph_is_valid() => ShouldBeValid(Decision());

    [Fact]
    public void A_three_branch_split_and_join_is_valid() => ShouldBeValid(ThreeBranches());

    [Fact]
    public void A_nested_split_with_a_decision_inside_a_branch_is_valid() => ShouldBeValid(Nested());

    [Fact]
    public void A_graph_with_several_problems_reports_them_all_at_once()
    {
        var graph = G.Start("s").Task("cut").Decision("d").Task("a", "stitch").End("e")
            .Edge("s", "cut").Edge("cut", "d").Edge("d", "a", "x").Edge("d", "ghost", "y").Edge("a", "e")
            .Change("cut", n => n with { Capability = null, Level = 0 })
            .Change("d", n => n with { DecisionField = null });

        var result = GraphValidator.Validate(graph.Build());

        result.Errors.Select(e => e.Code).ShouldBe(
            ["edge_unknown_node", "capability_missing", "level_invalid", "decision_field_missing", "decision_default_missing"],
            ignoreOrder: true);
    }

    [Fact]
    public void A_cycle_is_reported_with_its_path()
    {
        var graph = G.Start("s").Task("a").Task("b").Task("c").End("e")
            .Edge("s", "a").Edge("a", "b").Edge("b", "c").Edge("c", "a", "again").Edge("c", "e", "done");

        var cycle = GraphValidator.Validate(graph.Build()).Errors.ShouldHaveSingleItem();

        cycle.Code.ShouldBe("cycle");
        cycle.Message.ShouldContain("a -> b -> c -> a");
        cycle.Node.ShouldBe("a");
    }

    [Fact]
    public void A_cycle_through_many_paths_is_reported_without_exploding()
    {
        // 60 diamonds in a row give 2^60 paths; one back edge closes them into cycles.
        var graph = G.Start("s").Task("n0").Edge("s", "n0");
        for (var i = 0; i < 60; i++)
        {
            graph.Task($"l{i}").Task($"r{i}").Task($"n{i + 1}")
                .Edge($"n{i}", $"l{i}", "left").Edge($"n{i}", $"r{i}", "right")
                .Edge($"l{i}", $"n{i + 1}").Edge($"r{i}", $"n{i + 1}");
        }
        graph.End("e").Edge("n60", "e", "done").Edge("n60", "n0", "again");

        var cycles = GraphValidator.Validate(graph.Build()).Errors.Where(e => e.Code == "cycle").ToList();

        cycles.ShouldNotBeEmpty();
        cycles.Count.ShouldBeLessThanOrEqualTo(graph.EdgeCount);
    }

    [Fact]
    public void Garbage_input_is_reported_not_thrown()
    {
        var graph = new GraphDefinition
        {
            Nodes = [null!, new NodeDefinition { Key = null!, Type = NodeType.Task }, new NodeDefinition { Key = "", Type = NodeType.End }],
            Edges = [null!, new EdgeDefinition { From = null!, To = null!, Outcome = null }, new EdgeDefinition()],
        };

        var result = GraphValidator.Validate(graph);

        result.Valid.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.Code == "node_key_missing");
        result.Errors.ShouldContain(e => e.Code == "edge_unknown_node");
        result.Errors.ShouldContain(e => e.Code == "start_missing");
        GraphValidator.Validate(null!).Errors.Select(e => e.Code).ShouldBe(["start_missing", "end_missing"]);
        GraphValidator.Validate(new GraphDefinition { Nodes = null!, Edges = null! }).Valid.ShouldBeFalse();
    }

    [Fact]
    public void A_huge_graph_is_refused_with_one_error()
    {
        var result = GraphValidator.Validate(Many(100_000, 100_000).Build());

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe("graph_too_large");
    }

    [Fact]
    public void A_graph_at_the_size_limit_is_validated()
    {
        // 500 nodes in a chain: deep enough to break a recursive search.
        var graph = G.Start("n0");
        for (var i = 1; i < 499; i++)
            graph.Task($"n{i}").Edge($"n{i - 1}", $"n{i}");
        graph.End("e").Edge("n498", "e");

        ShouldBeValid(graph);
    }

    [Fact]
    public void The_structure_of_a_nested_split_finds_matching_joins_and_enclosing_splits()
    {
        var structure = GraphStructure.Of(Nested().Build());

        structure.MatchingJoin("outer").ShouldBe("outer_join");
        structure.MatchingJoin("inner").ShouldBe("inner_join");
        structure.EnclosingSplit("lining").ShouldBe("outer");
        structure.EnclosingSplit("inner").ShouldBe("outer");
        structure.EnclosingSplit("inner_join").ShouldBe("outer");
        structure.EnclosingSplit("finish").ShouldBe("outer");
        structure.EnclosingSplit("body").ShouldBe("inner");
        structure.EnclosingSplit("leather").ShouldBe("inner");
        structure.EnclosingSplit("edge_paint").ShouldBe("inner");
        structure.EnclosingSplit("outer").ShouldBeNull();
        structure.IsTopLevel("outer").ShouldBeTrue();
        structure.IsTopLevel("outer_join").ShouldBeTrue();
        structure.IsTopLevel("s").ShouldBeTrue();
        structure.IsTopLevel("e").ShouldBeTrue();
        structure.IsTopLevel("handle").ShouldBeFalse();
    }

    [Fact]
    public void The_structure_of_an_invalid_graph_is_refused() =>
        Should.Throw<InvalidOperationException>(() => GraphStructure.Of(G.Start("s").Build()));

    private static void ShouldBeValid(G graph)
    {
        var result = GraphValidator.Validate(graph.Build());
        result.Errors.ShouldBeEmpty(Codes(result));
        result.Valid.ShouldBeTrue();
    }

    private static string Codes(ValidationResult result) =>
        string.Join("; ", result.Errors.Select(e => $"{e.Code} [{e.Node}|{e.Edge}] {e.Message}"));

    private static G Atelier() =>
        G.Start("s").Task("cut").Task("stitch", "stitch").Qc("qc").End("done").End("rejected")
            .Edge("s", "cut").Edge("cut", "stitch").Edge("stitch", "qc")
            .Edge("qc", "done", "pass").Edge("qc", "rejected", "fail")
            .Change("stitch", n => n with { Level = 3, StandardMinutes = 45, TimeoutMinutes = 120, Affinity = "same_agent_as:cut" });

    /// <summary>s -> d (size: small -> a, large -> b, default -> m) -> e.</summary>
    private static G Decision() =>
        G.Start("s").Decision("d").Task("a").Task("b").Task("m").End("e")
            .Edge("s", "d").Edge("d", "a", "small").Edge("d", "b", "large").Default("d", "m", "medium")
            .Edge("a", "e").Edge("b", "e").Edge("m", "e");

    private static G ThreeBranches() =>
        G.Start("s").Split("p").Task("cut").Task("dye", "dye").Task("print", "print").Join("j").Qc("qc").End("e")
            .Edge("s", "p").Edge("p", "cut").Edge("p", "dye").Edge("p", "print")
            .Edge("cut", "j").Edge("dye", "j").Edge("print", "j").Edge("j", "qc").Edge("qc", "e", "pass");

    /// <summary>
    /// outer splits into handle (-> lining) and inner; inner splits into body and a material decision
    /// whose arms meet at edge_paint; both joins close properly.
    /// </summary>
    private static G Nested() =>
        G.Start("s").Split("outer").Task("handle").Task("lining").Split("inner").Task("body")
            .Decision("material", "material").Task("leather", "leather").Task("canvas", "canvas").Task("edge_paint", "paint")
            .Join("inner_join").Task("finish").Join("outer_join").Qc("qc").End("e")
            .Edge("s", "outer").Edge("outer", "handle").Edge("outer", "inner")
            .Edge("handle", "lining").Edge("lining", "outer_join")
            .Edge("inner", "body").Edge("inner", "material")
            .Edge("material", "leather", "leather").Default("material", "canvas")
            .Edge("leather", "edge_paint").Edge("canvas", "edge_paint")
            .Edge("body", "inner_join").Edge("edge_paint", "inner_join").Edge("inner_join", "finish")
            .Edge("finish", "outer_join").Edge("outer_join", "qc").Edge("qc", "e", "pass");

    private static G Many(int nodes, int edges)
    {
        var graph = G.Empty;
        for (var i = 0; i < nodes; i++)
            graph.Task($"n{i}");
        for (var i = 0; i < edges; i++)
            graph.Edge("n0", $"n{i % Math.Max(nodes, 1)}", $"o{i}");
        return graph;
    }

    /// <summary>A tiny graph builder: <c>G.Start("s").Task("a", "cut").End("e").Edge("s", "a").Edge("a", "e")</c>.</summary>
    private sealed class G
    {
        private readonly List<NodeDefinition> nodes = [];
        private readonly List<EdgeDefinition> edges = [];
        private readonly List<FieldDefinition> fields = [];

        public static G Empty => new();

        public int EdgeCount => edges.Count;

        public static G Start(string key) => Empty.Node(key, NodeType.Start);

        public G Task(string key, string capability = "cut") =>
            Add(new NodeDefinition { Key = key, Type = NodeType.Task, Capability = capability });

        public G Qc(string key, string capability = "inspect") =>
            Add(new NodeDefinition { Key = key, Type = NodeType.Qc, Capability = capability });

        public G Decision(string key, string field = "size") =>
            Add(new NodeDefinition { Key = key, Type = NodeType.Decision, DecisionField = field });

        public G Split(string key) => Node(key, NodeType.Split);

        public G Join(string key) => Node(key, NodeType.Join);

        public G End(string key) => Node(key, NodeType.End);

        public G Node(string key, NodeType type) => Add(new NodeDefinition { Key = key, Type = type });

        public G Edge(string from, string to, string? outcome = null)
        {
            edges.Add(new EdgeDefinition { From = from, To = to, Outcome = outcome });
            return this;
        }

        public G Default(string from, string to, string? outcome = null)
        {
            edges.Add(new EdgeDefinition { From = from, To = to, Outcome = outcome, IsDefault = true });
            return this;
        }

        /// <summary>Replaces the last node with this key by a changed copy.</summary>
        public G Change(string key, Func<NodeDefinition, NodeDefinition> change)
        {
            var i = nodes.FindLastIndex(n => n.Key == key);
            nodes[i] = change(nodes[i]);
            return this;
        }

        public G Field(string name, string type)
        {
            fields.Add(new FieldDefinition { Name = name, Type = type });
            return this;
        }

        public GraphDefinition Build() => new() { Nodes = nodes.ToList(), Edges = edges.ToList(), Fields = fields.Count == 0 ? null : fields.ToList() };

        public G Add(NodeDefinition node)
        {
            nodes.Add(node);
            return this;
        }
    }
}
