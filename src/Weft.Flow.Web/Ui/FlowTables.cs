namespace Weft.Flow.Web.Ui;

/// <summary>The engine's tables whose committed changes the pages and home figures watch.</summary>
public static class FlowTables
{
    public const string WorkItems = "flow_work_items";
    public const string Jobs = "flow_jobs";
    public const string Tokens = "flow_tokens";
    public const string Inbox = "flow_inbox";
    public const string Agents = "flow_agents";
    public const string Graphs = "flow_graphs";
}
