using System.Text.Json.Nodes;
using Weft.Flow.Definitions;
using Weft.Flow.Rules;

namespace Weft.Flow.Tests.Rules;

/// <summary>Each operator on each kind of value, missing fields, nesting, groups, and token data before job data.</summary>
public sealed class EvaluatingDecisionRules
{
    private static readonly JsonObject Token = JsonNode.Parse("""
        {"amount": 1250.5, "tier": "Gold", "vip": true, "due": "2026-12-01T10:00:00Z", "customer": {"country": "FR", "orders": 7},
         "note": null, "tags": ["a"]}
        """)!.AsObject();

    private static readonly JsonObject Job = JsonNode.Parse("""{"amount": 1, "channel": "web"}""")!.AsObject();

    public static TheoryData<string, string, bool> Cases => new()
    {
        { "number greater", """{"field":"amount","op":"gt","value":1000}""", true },
        { "number greater, not", """{"field":"amount","op":"gt","value":1250.5}""", false },
        { "number at least", """{"field":"amount","op":"gte","value":1250.5}""", true },
        { "number less", """{"field":"amount","op":"lt","value":2000}""", true },
        { "number at most", """{"field":"amount","op":"lte","value":1250.4}""", false },
        { "number equal across notations", """{"field":"amount","op":"eq","value":1.2505e3}""", true },
        { "number not equal", """{"field":"amount","op":"ne","value":3}""", true },
        { "text equal ignores case", """{"field":"tier","op":"eq","value":"gold"}""", true },
        { "text not equal", """{"field":"tier","op":"ne","value":"silver"}""", true },
        { "text in a list", """{"field":"tier","op":"in","values":["platinum","GOLD"]}""", true },
        { "text not in a list", """{"field":"tier","op":"in","values":["platinum","silver"]}""", false },
        { "text ordered", """{"field":"tier","op":"lt","value":"silver"}""", true },
        { "boolean", """{"field":"vip","op":"eq","value":true}""", true },
        { "boolean, not", """{"field":"vip","op":"eq","value":false}""", false },
        { "date before", """{"field":"due","op":"lt","value":"2026-12-24T00:00:00Z"}""", true },
        { "date after, other zone", """{"field":"due","op":"gt","value":"2026-12-01T11:30:00+02:00"}""", true },
        { "nested field", """{"field":"customer.country","op":"eq","value":"fr"}""", true },
        { "nested number", """{"field":"customer.orders","op":"gte","value":5}""", true },
        { "field from the job when the token has none", """{"field":"channel","op":"eq","value":"web"}""", true },
        { "the token's value before the job's", """{"field":"amount","op":"eq","value":1}""", false },
        { "exists", """{"field":"customer.country","op":"exists"}""", true },
        { "null does not exist", """{"field":"note","op":"exists"}""", false },
        { "missing does not exist", """{"field":"nothing","op":"exists"}""", false },
        { "missing is never equal", """{"field":"nothing","op":"eq","value":1}""", false },
        { "missing is unequal to anything", """{"field":"nothing","op":"ne","value":1}""", true },
        { "another kind is unequal", """{"field":"amount","op":"ne","value":"1250.5"}""", true },
        { "a path through a value is missing", """{"field":"tier.name","op":"exists"}""", false },
        { "number against text is not comparable", """{"field":"amount","op":"eq","value":"1250.5"}""", false },
        { "a list is not comparable", """{"field":"tags","op":"eq","value":"a"}""", false },
        { "all hold", """{"all":[{"field":"amount","op":"gt","value":1000},{"field":"vip","op":"eq","value":true}]}""", true },
        { "all, one fails", """{"all":[{"field":"amount","op":"gt","value":1000},{"field":"vip","op":"eq","value":false}]}""", false },
        { "any holds", """{"any":[{"field":"amount","op":"gt","value":5000},{"field":"tier","op":"eq","value":"gold"}]}""", true },
        { "any, none holds", """{"any":[{"field":"amount","op":"gt","value":5000},{"field":"tier","op":"eq","value":"bronze"}]}""", false },
        { "nested groups", """{"all":[{"any":[{"field":"x","op":"exists"},{"field":"vip","op":"eq","value":true}]},{"field":"customer.orders","op":"lt","value":10}]}""", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_condition_holds_as_its_operator_says(string name, string json, bool holds)
    {
        var condition = System.Text.Json.JsonSerializer.Deserialize<RuleCondition>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

        RuleEvaluator.Holds(condition, Token, Job).ShouldBe(holds, name);
    }

    [Fact]
    public void The_first_rule_that_holds_decides_and_none_means_the_default()
    {
        DecisionRule Rule(string field, decimal over, string outcome) => new() { When = new() { Field = field, Op = "gt", Value = over }, Outcome = outcome };

        RuleEvaluator.Choose([Rule("amount", 5000, "board"), Rule("amount", 1000, "manager"), Rule("amount", 0, "clerk")], Token, Job).ShouldBe("manager");
        RuleEvaluator.Choose([Rule("amount", 5000, "board")], Token, Job).ShouldBeNull();
    }
}
