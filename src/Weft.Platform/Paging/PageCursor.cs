using System.Globalization;
using System.Text;
using Weft.Platform.Errors;

namespace Weft.Platform.Paging;

/// <summary>Keyset paging shared by every list of the API: <c>limit</c> and an opaque <c>cursor</c>.</summary>
public static class PageCursor
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    /// <summary>How many rows to take and the id after which the page starts; a bad limit or cursor is a 400.</summary>
    public static (int Take, long After) Parse(int? limit, string? cursor)
    {
        var take = limit ?? DefaultSize;
        if (take < 1 || take > MaxSize)
            throw WeftException.Invalid("invalid_limit", $"'limit' must be between 1 and {MaxSize}.");
        long after = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
                if (!text.StartsWith("id:", StringComparison.Ordinal) || !long.TryParse(text[3..], NumberStyles.None, CultureInfo.InvariantCulture, out after))
                    throw new FormatException();
            }
            catch (FormatException)
            {
                throw WeftException.Invalid("invalid_cursor", "'cursor' is not a cursor this API returned.");
            }
        }
        return (take, after);
    }

    /// <summary>Makes a page from up to <paramref name="take"/> + 1 rows read in id order.</summary>
    public static Page<TDto> Of<TRow, TDto>(IReadOnlyList<TRow> rows, int take, Func<TRow, long> id, Func<TRow, TDto> map)
    {
        var more = rows.Count > take;
        var items = rows.Take(take).ToList();
        var next = more ? Encode(id(items[^1])) : null;
        return new Page<TDto>(items.Select(map).ToList(), next);
    }

    public static string Encode(long after) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("id:" + after.ToString(CultureInfo.InvariantCulture)));
}
