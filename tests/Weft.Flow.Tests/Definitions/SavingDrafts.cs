using Weft.Flow.Contracts;
using Weft.Flow.Definitions;
using Weft.Testing;

namespace Weft.Flow.Tests.Definitions;

public sealed class SavingDrafts
{
    private static readonly CommandContext Manager = new("manager");

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_saved_draft_keeps_its_declared_fields_and_a_save_without_them_clears_them(string provider)
    {
        await using var host = await FlowTestHost.StartAsync(provider);
        var e = host.Engine;
        await e.Graphs.CreateGraphAsync(Manager, new CreateGraphRequest("typed", "Typed", new GraphDefinition()));
        IReadOnlyList<FieldDefinition> fields = [new() { Name = "amount", Type = "number" }];
        NodeDefinition[] nodes = [new() { Key = "start", Type = NodeType.Start }, new() { Key = "end", Type = NodeType.End }];
        EdgeDefinition[] edges = [new() { From = "start", To = "end" }];

        var saved = await e.Graphs.SaveDraftAsync(Manager, "typed", new SaveDraftRequest(null, nodes, edges, 1, fields));

        saved.Draft.Fields.ShouldNotBeNull().Single().Name.ShouldBe("amount");
        (await e.Graphs.GetGraphAsync("typed")).Draft.Fields.ShouldNotBeNull().Single().Type.ShouldBe("number");
        var published = await e.Graphs.PublishAsync(Manager, "typed", new PublishRequest(null));
        published.Definition.Fields.ShouldNotBeNull().ShouldHaveSingleItem();

        (await e.Graphs.SaveDraftAsync(Manager, "typed", new SaveDraftRequest(null, nodes, edges, null))).Draft.Fields.ShouldBeNull();
    }
}
