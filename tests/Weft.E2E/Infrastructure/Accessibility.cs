using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Weft.E2E.Infrastructure;

/// <summary>axe-core run on a page as it stands; serious and critical violations fail a test.</summary>
public static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    // Every rule runs; only violations are reported element by element, which keeps each run short.
    private static readonly AxeRunOptions Options = new() { ResultTypes = [ResultType.Violations] };

    private const string FinishAnimations = """
        () => {
          for (const animation of document.getAnimations()) {
            try {
              if (Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity)) animation.finish();
            } catch { }
          }
        }
        """;

    /// <summary>The serious and critical violations on the page now, one per element; <paramref name="where"/> names the page in reports.</summary>
    public static async Task<IReadOnlyList<AccessibilityViolation>> SeriousViolationsAsync(IPage page, string where)
    {
        // Contrast is judged on the page at rest: a button's colour caught halfway through its click or hover
        // transition is no colour anyone reads. Finite animations are run to their end first (endless ones, spinners, stay).
        await page.EvaluateAsync(FinishAnimations);
        var result = await page.RunAxe(Options);
        return result.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .SelectMany(v => v.Nodes.Select(n => new AccessibilityViolation(
                v.Id, v.Impact, n.Target?.ToString() ?? "(page)", v.Help, Summary(n), where)))
            .ToList();
    }

    /// <summary>Fails listing every serious or critical violation on the page.</summary>
    public static async Task ShouldHaveNoSeriousViolationsAsync(IPage page, string where)
    {
        var found = await SeriousViolationsAsync(page, where);
        if (found.Count > 0) Assert.Fail(Describe(found));
    }

    /// <summary>One paragraph per rule and element, naming every page it was seen on.</summary>
    public static string Describe(IEnumerable<AccessibilityViolation> found)
    {
        var groups = found.GroupBy(v => (v.Rule, v.Impact, v.Target, v.Help)).ToList();
        return $"axe found {groups.Count} serious or critical violation(s):" + string.Concat(groups.Select(g =>
            $"\n- {g.Key.Rule} ({g.Key.Impact}) at {g.Key.Target}: {g.Key.Help}." +
            $"\n    {g.First().Summary}" +
            $"\n    on: {string.Join(", ", g.Select(v => v.Page).Distinct())}"));
    }

    /// <summary>What axe's failed checks say about the element (e.g. the contrast it measured).</summary>
    private static string Summary(AxeResultNode node) =>
        string.Join("; ", new[] { node.Any, node.All, node.None }.SelectMany(checks => checks ?? []).Select(c => c.Message).Distinct());
}
