using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Platform.Errors;
using Weft.Testing;

namespace Weft.Flow.Tests.Definitions;

/// <summary>Steps a manager saves for the routing designer.</summary>
public sealed class SavingPresets
{
    private static readonly CommandContext Manager = new("manager");

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_saved_step_is_listed_by_name_replaced_under_its_key_and_deleted(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var g = host.Engine.Graphs;
        var stitch = new NodeDefinition { Key = "stitch-3", Type = NodeType.Task, Name = "Saddle stitch", Capability = "stitching", StandardMinutes = 40, Operators = 2 };

        var saved = await g.SavePresetAsync(Manager, "saddle-stitch", new SavePresetRequest(" Saddle stitch ", stitch));
        await g.SavePresetAsync(Manager, "burnish", new SavePresetRequest("Burnish", new NodeDefinition { Type = NodeType.Task, Capability = "finishing" }));

        saved.Name.ShouldBe("Saddle stitch");
        saved.Template.ShouldBe(stitch with { Key = "" });
        saved.SavedBy.ShouldBe("manager");
        (await g.ListSavedPresetsAsync()).Select(p => p.Key).ShouldBe(["burnish", "saddle-stitch"]);

        await g.SavePresetAsync(Manager, "saddle-stitch", new SavePresetRequest("Saddle stitch", stitch with { StandardMinutes = 45 }));
        (await g.ListSavedPresetsAsync()).Single(p => p.Key == "saddle-stitch").Template.StandardMinutes.ShouldBe(45);

        (await g.DeletePresetAsync(Manager, "burnish")).Key.ShouldBe("burnish");
        (await g.ListSavedPresetsAsync()).ShouldHaveSingleItem().Key.ShouldBe("saddle-stitch");
        (await Should.ThrowAsync<WeftException>(() => g.DeletePresetAsync(Manager, "burnish"))).Code.ShouldBe("node_preset_not_found");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_step_without_a_good_key_name_or_settings_is_refused_and_nothing_is_saved(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var g = host.Engine.Graphs;
        var task = new NodeDefinition { Type = NodeType.Task, Capability = "x" };

        foreach (var (key, request) in new (string, SavePresetRequest)[]
        {
            ("bad key!", new("Name", task)),
            ("ok", new("  ", task)),
            ("ok", new(new string('n', 201), task)),
            ("ok", new("Name", null)),
            ("ok", new("Name", task with { Type = (NodeType)99 })),
        })
        {
            (await Should.ThrowAsync<WeftException>(() => g.SavePresetAsync(Manager, key, request))).Code.ShouldBe("validation_failed");
        }
        (await g.ListSavedPresetsAsync()).ShouldBeEmpty();
    }
}
