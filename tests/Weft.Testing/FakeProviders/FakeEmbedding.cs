using System.Text;
using System.Text.RegularExpressions;

namespace Weft.Testing.FakeProviders;

/// <summary>
/// The fake providers' embeddings: each word lights one dimension chosen by a hash of the word, and the vector is
/// scaled to unit length. The same text always gives the same vector, and texts sharing words share dimensions.
/// </summary>
public static partial class FakeEmbedding
{
    public const int DefaultDimensions = 64;

    public static float[] Of(string text, int dimensions = DefaultDimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var vector = new float[dimensions];
        foreach (var word in WordsOf(text)) vector[Fnv1a(word) % (uint)dimensions] += 1f;
        var length = MathF.Sqrt(vector.Sum(v => v * v));
        if (length > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= length;
        return vector;
    }

    public static int WordCount(string text) => Words().Count(text);

    private static IEnumerable<string> WordsOf(string text) => Words().Matches(text).Select(m => m.Value.ToLowerInvariant());

    // A fixed hash, unlike string.GetHashCode, so vectors stay the same from run to run.
    private static uint Fnv1a(string word)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(word)) hash = (hash ^ b) * 16777619u;
        return hash;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
