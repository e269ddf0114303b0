using Weft.Production.Certificates;

namespace Weft.Production.Tests.Certificates;

// Small, fixed stories; each test changes only what it is about.
internal static class PieceStories
{
    public static readonly DateTime Start = new(2026, 3, 4, 8, 0, 0, DateTimeKind.Utc);

    public static PieceStory Bag(params PieceStep[] steps) => new(
        Tenant: "Atelier Lumen",
        OrderNumber: "MO-2026-0042",
        Product: "bag-tote",
        ProductName: "Tote bag, natural leather",
        Serial: "TB-000917",
        Generation: 1,
        Steps: steps,
        Replacements: [],
        CompletedAt: Start.AddHours(6));

    public static PieceStep Step(int minute, string name, string? agent, double minutes = 30, string? outcome = null, string? note = null) => new(
        Node: name.ToLowerInvariant().Replace(' ', '-'),
        NodeName: name,
        AgentName: agent,
        AgentKey: agent?.ToLowerInvariant().Replace(' ', '.'),
        StartedAt: Start.AddMinutes(minute),
        EndedAt: Start.AddMinutes(minute + minutes),
        WorkMinutes: minutes,
        Outcome: outcome,
        Note: note);

    public static PieceStory Long(int steps) => Bag(
        [.. Enumerable.Range(1, steps).Select(i => Step(i * 5, $"Seam {i:000}", i % 2 == 0 ? "Ana Souza" : "Bruno Lima", note: i % 7 == 0 ? "Thread changed to waxed linen halfway along the seam" : null))]);
}
