using System.Text.Json.Nodes;
using Weft.AI.Personas;

namespace Weft.AI.Tests;

/// <summary>A persona's variables filled from a run's data, and two versions compared line by line.</summary>
public sealed class WritingPersonas
{
    [Fact]
    public void Variables_are_filled_from_the_runs_data_by_their_path()
    {
        var data = JsonNode.Parse("""{"customer":{"name":"Clara Ruiz","tier":"gold","orders":3},"vip":true,"tags":["eu","b2b"]}""")!.AsObject();
        var (text, missing) = PersonaTemplate.Render("Greet {{ customer.name }} ({{customer.tier}}, {{customer.orders}} orders, vip {{vip}}, {{tags}}).", data);
        text.ShouldBe("Greet Clara Ruiz (gold, 3 orders, vip true, [\"eu\",\"b2b\"]).");
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void A_variable_without_a_value_is_named_and_left_out()
    {
        var (text, missing) = PersonaTemplate.Render("Hello {{customer.name}}, order {{order.id}} for {{customer.name}}.",
            JsonNode.Parse("""{"customer":{"email":"c@example.com"}}""")!.AsObject());
        text.ShouldBe("Hello , order  for .");
        missing.ShouldBe(["customer.name", "order.id"]);
        PersonaTemplate.VariablesOf("{{a}} {{ b.c }} {{a}} {not one} {{ bad path! }}").ShouldBe(["a", "b.c"]);
    }

    [Fact]
    public void Two_versions_differ_by_the_lines_added_and_removed()
    {
        var lines = PersonaDiff.Of("You are helpful.\nAnswer in English.\nBe brief.", "You are helpful.\nAnswer in the customer's language.\nBe brief.\nCite sources.");
        lines.Select(l => (l.Kind, l.Text)).ShouldBe(
        [
            (PersonaDiff.Same, "You are helpful."),
            (PersonaDiff.Removed, "Answer in English."),
            (PersonaDiff.Added, "Answer in the customer's language."),
            (PersonaDiff.Same, "Be brief."),
            (PersonaDiff.Added, "Cite sources."),
        ]);
        PersonaDiff.Of("", "one").Select(l => l.Kind).ShouldBe([PersonaDiff.Added]);
        PersonaDiff.Of("same\r\ntext", "same\ntext").ShouldAllBe(l => l.Kind == PersonaDiff.Same);
    }
}
