using System.Text.Json;

namespace Weft.Support.Conversations;

/// <summary>A conversation's tags: lower case, without spaces or commas, 1-40 characters, each once, at most 20.</summary>
internal static class ConversationTags
{
    public const int MaxTags = 20;
    public const int MaxLength = 40;

    public static IReadOnlyList<string> Read(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    public static string Write(IEnumerable<string> tags) => JsonSerializer.Serialize(tags);

    /// <summary>The tags given, normalised and without repeats; a wrong one is reported under <paramref name="field"/>.</summary>
    public static IReadOnlyList<string> Normalise(IEnumerable<string?>? given, string field, Weft.Platform.Errors.FieldErrors errors)
    {
        var tags = new List<string>();
        foreach (var raw in given ?? [])
        {
            var tag = raw?.Trim().ToLowerInvariant() ?? "";
            if (tag.Length is 0 or > MaxLength || tag.Any(c => char.IsWhiteSpace(c) || c == ','))
            {
                errors.Add(field, $"'{raw}' is not a tag: 1-{MaxLength} characters without spaces or commas.");
                continue;
            }
            if (!tags.Contains(tag)) tags.Add(tag);
        }
        if (tags.Count > MaxTags) errors.Add(field, $"At most {MaxTags} tags at once.");
        return tags;
    }

    /// <summary>The conversation's tags with <paramref name="add"/> added and <paramref name="remove"/> taken away, in the order they came.</summary>
    public static List<string> Change(IReadOnlyList<string> current, IReadOnlyList<string> add, IReadOnlyList<string> remove) =>
        current.Concat(add).Distinct(StringComparer.Ordinal).Where(t => !remove.Contains(t)).ToList();
}
