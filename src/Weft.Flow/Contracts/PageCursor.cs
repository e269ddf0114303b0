using System.Globalization;

namespace Weft.Flow.Contracts;

/// <summary>Keyset paging shared by every list of the API: <c>limit</c> and an opaque <c>cursor</c>.</summary>
public static class PageCursor
{
    public static (int Take, long After) Parse(int? limit, string? cursor)
    {
        var take = limit ?? 50;
        if (take < 1 || take > FlowEngine.MaxPageSize)
            throw FlowException.Invalid("invalid_limit", $"'limit' must be between 1 and {FlowEngine.MaxPageSize}.");
        long after = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            try
            {
                var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
                if (!text.StartsWith("id:", StringComparison.Ordinal) || !long.TryParse(text[3..], NumberStyles.None, CultureInfo.InvariantCulture, out after))
                    throw new FormatException();
            }
            catch (FormatException)
            {
                throw FlowException.Invalid("invalid_cursor", "'cursor' is not a cursor this API returned.");
            }
        }
        return (take, after);
    }

    public static Page<TDto> Of<TRow, TDto>(IReadOnlyList<TRow> rows, int take, Func<TRow, long> id, Func<TRow, TDto> map)
    {
        var more = rows.Count > take;
        var items = rows.Take(take).ToList();
        var next = more ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("id:" + id(items[^1]).ToString(CultureInfo.InvariantCulture))) : null;
        return new Page<TDto>(items.Select(map).ToList(), next);
    }
}
