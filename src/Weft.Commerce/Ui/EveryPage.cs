using Weft.Platform.Paging;

namespace Weft.Commerce.Ui;

/// <summary>Reads a whole list page by page, for a screen that shows all of it.</summary>
internal static class EveryPage
{
    public static async Task<List<T>> ReadAsync<T>(Func<string?, Task<Page<T>>> read)
    {
        var all = new List<T>();
        string? cursor = null;
        do
        {
            var page = await read(cursor);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }
}
