using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Weft.AI.Knowledge;

/// <summary>A chunk given to a run to answer from, numbered in the order the run received it.</summary>
internal sealed record RunSource(int Rank, RetrievedChunk Chunk);

/// <summary>
/// How a run is given knowledge: the chunks found for its input go with it as numbered sources the answer cites as
/// [n]; when the agent may use tools, it can search again (<see cref="ToolName"/>) and the new sources continue the
/// numbering. The answer's [n] marks tell which sources it used.
/// </summary>
internal static partial class RunSources
{
    public const string ToolName = "search_knowledge";

    public static readonly AIFunctionDeclaration SearchTool = AIFunctionFactory.CreateDeclaration(ToolName,
        "Searches the knowledge bases for passages about a query; returns numbered sources to cite as [n].",
        JsonDocument.Parse("""
            {"type":"object","properties":{"query":{"type":"string","description":"What to look for, in a few words."}},"required":["query"]}
            """).RootElement);

    /// <summary>The instructions and first sources, as a system message.</summary>
    public static string Context(IReadOnlyList<RunSource> sources, bool canSearch)
    {
        var text = new StringBuilder("Answer from the numbered sources below when they hold the answer, and cite each source you use by its number in square brackets, like [1]. If they do not hold the answer, say that you do not know rather than guessing.");
        if (canSearch) text.Append($" If they are not enough, call {ToolName} with a query to find more.");
        text.Append("\n\n").Append(sources.Count == 0 ? "(No source matched the question.)" : Listed(sources));
        return text.ToString();
    }

    public static string Listed(IEnumerable<RunSource> sources) =>
        string.Join("\n\n", sources.Select(s => $"[{s.Rank}] {s.Chunk.Document}{(s.Chunk.Heading.Length > 0 ? " › " + s.Chunk.Heading : "")}\n{s.Chunk.Text}"));

    /// <summary>The numbers of the sources an answer cites: [1], [2, 3] and [1][4] all count.</summary>
    public static HashSet<int> CitedIn(string? answer)
    {
        var cited = new HashSet<int>();
        if (answer is null) return cited;
        foreach (Match m in Citation().Matches(answer))
        {
            foreach (var n in m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (int.TryParse(n, out var rank)) cited.Add(rank);
        }
        return cited;
    }

    /// <summary>
    /// An answer cut at its citation marks, in order: its text as it is, and each mark ([1], [2, 3]) with the numbers it
    /// cites, so that a page can make the marks links and leave every other character as the model wrote it.
    /// </summary>
    public static IReadOnlyList<AnswerPiece> Pieces(string answer)
    {
        var pieces = new List<AnswerPiece>();
        var at = 0;
        foreach (Match m in Citation().Matches(answer))
        {
            if (m.Index > at) pieces.Add(new AnswerPiece(answer[at..m.Index], []));
            var ranks = m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => int.TryParse(n, out var rank) ? rank : 0).ToList();
            pieces.Add(ranks.Contains(0) ? new AnswerPiece(m.Value, []) : new AnswerPiece(m.Value, ranks));
            at = m.Index + m.Length;
        }
        if (at < answer.Length) pieces.Add(new AnswerPiece(answer[at..], []));
        return pieces;
    }

    [GeneratedRegex(@"\[(\d+(?:\s*,\s*\d+)*)\]")]
    private static partial Regex Citation();
}
