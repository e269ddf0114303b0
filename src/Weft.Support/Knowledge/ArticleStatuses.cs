namespace Weft.Support.Knowledge;

internal static class ArticleStatuses
{
    public const string Draft = "draft";
    public const string Published = "published";

    public static readonly IReadOnlyList<string> All = [Draft, Published];
}
