namespace Weft.Platform.Web.Ui;

/// <summary>A node as <see cref="GraphView"/> draws it.</summary>
/// <param name="Work">A task or quality check: work people or agents do.</param>
/// <param name="Bottleneck">Drawn with a heavy red border.</param>
/// <param name="Chosen">The node the page shows more of (its work, its settings).</param>
/// <param name="Invalid">Drawn with a dashed red border: a validation error concerns it.</param>
public sealed record GraphViewNode(string Id, string Label, string Kind, bool Work, bool Bottleneck = false, bool Chosen = false, bool Invalid = false);

/// <param name="Invalid">Drawn dashed in the error colour: a validation error concerns it.</param>
public sealed record GraphViewEdge(string Id, string Source, string Target, string Label, bool Invalid = false);

/// <summary>What <see cref="GraphView"/> draws; <paramref name="Key"/> changes when the shape does (another graph or version).</summary>
public sealed record GraphViewModel(string Key, IReadOnlyList<GraphViewNode> Nodes, IReadOnlyList<GraphViewEdge> Edges);
