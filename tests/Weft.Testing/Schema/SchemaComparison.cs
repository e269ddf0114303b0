namespace Weft.Testing.Schema;

/// <summary>
/// What differs between two readings of the same tables, one readable line per difference, e.g.
/// <c>flow_jobs.due_at: migrations build 'timestamp with time zone NULL', the model 'timestamp with time zone NOT NULL'</c>.
/// Columns are matched by name (their order is not compared), indexes by name, foreign keys by their
/// columns and principal table. Defaults and check constraints are not compared.
/// </summary>
public static class SchemaComparison
{
    /// <param name="leftSays">How a line introduces the left side, e.g. "migrations build".</param>
    /// <param name="rightSays">How a line introduces the right side, e.g. "the model".</param>
    public static IReadOnlyList<string> Differences(DatabaseSchema left, string leftSays, DatabaseSchema right, string rightSays)
    {
        var lines = new List<string>();
        void Compare(string subject, object? a, object? b)
        {
            if (Show(a) != Show(b)) lines.Add($"{subject}: {leftSays} {Show(a)}, {rightSays} {Show(b)}");
        }

        foreach (var name in Union(left.Tables.Select(t => t.Name), right.Tables.Select(t => t.Name)))
        {
            var (a, b) = (left.Table(name), right.Table(name));
            if (a is null || b is null)
            {
                Compare(name, a, b);
                continue;
            }
            foreach (var column in Union(a.Columns.Select(c => c.Name), b.Columns.Select(c => c.Name)))
                Compare($"{name}.{column}", a.Column(column), b.Column(column));
            Compare($"{name} primary key", a.PrimaryKey, b.PrimaryKey);
            foreach (var index in Union(a.Indexes.Select(i => i.Name), b.Indexes.Select(i => i.Name)))
                Compare($"{name} index {index}", a.Indexes.FirstOrDefault(i => i.Name == index), b.Indexes.FirstOrDefault(i => i.Name == index));
            foreach (var target in Union(a.ForeignKeys.Select(k => k.Target), b.ForeignKeys.Select(k => k.Target)))
                Compare($"{name} foreign key {target}", a.ForeignKeys.FirstOrDefault(k => k.Target == target), b.ForeignKeys.FirstOrDefault(k => k.Target == target));
        }
        return lines;
    }

    private static string Show(object? part) => part switch
    {
        null => "nothing",
        TableSchema table => table.ToString(),
        _ => $"'{part}'",
    };

    // The left side's order first (a table's column order, say), then what only the right side has.
    private static IEnumerable<string> Union(IEnumerable<string> left, IEnumerable<string> right) => left.Concat(right).Distinct();
}
