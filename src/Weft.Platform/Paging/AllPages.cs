namespace Weft.Platform.Paging;

/// <summary>Reads every page of a cursor-paged list (the engine's agents, a job's work items) into one list.</summary>
public static class AllPages
{
    public static async Task<List<T>> ReadAsync<T>(Func<string?, Task<Page<T>>> page)
    {
        var all = new List<T>();
        string? cursor = null;
        do
        {
            var next = await page(cursor);
            all.AddRange(next.Items);
            cursor = next.NextCursor;
        }
        while (cursor is not null);
        return all;
    }
}
