using System.Text.RegularExpressions;

namespace Weft.Support.Answering;

/// <summary>
/// What triage reads from a customer's words without a model: the language (the most common words of a handful of
/// languages), the sentiment (a small lexicon of complaint and praise, with shouting and repeated marks), and whether
/// they ask for a person. Cheap, explainable and deterministic; a tenant wanting more puts an AI step in the flow.
/// </summary>
internal static partial class TextSignals
{
    private static readonly Dictionary<string, string[]> CommonWords = new()
    {
        ["en"] = ["the", "and", "is", "my", "i", "you", "to", "it", "not", "have", "for", "with", "this", "what", "how", "can", "was", "order", "please"],
        ["es"] = ["el", "la", "de", "que", "y", "en", "los", "mi", "no", "es", "por", "para", "con", "una", "pedido", "hola", "gracias", "cómo", "está"],
        ["pt"] = ["o", "a", "de", "que", "e", "do", "da", "em", "um", "não", "meu", "minha", "para", "com", "pedido", "olá", "obrigado", "como", "está"],
        ["fr"] = ["le", "la", "les", "de", "et", "est", "je", "mon", "ma", "pas", "que", "pour", "avec", "une", "commande", "bonjour", "merci", "comment"],
        ["de"] = ["der", "die", "das", "und", "ist", "ich", "mein", "meine", "nicht", "zu", "mit", "für", "eine", "bestellung", "hallo", "danke", "wie"],
        ["it"] = ["il", "la", "di", "che", "e", "è", "mio", "mia", "non", "per", "con", "una", "ordine", "ciao", "grazie", "come", "sono"],
        ["nl"] = ["de", "het", "een", "en", "is", "ik", "mijn", "niet", "van", "voor", "met", "bestelling", "hallo", "bedankt", "hoe"],
    };

    private static readonly HashSet<string> Negative =
    [
        "angry", "annoyed", "awful", "broken", "bad", "complaint", "damaged", "disappointed", "disgusting", "furious", "horrible",
        "lost", "missing", "never", "ridiculous", "scam", "terrible", "unacceptable", "useless", "worst", "wrong", "fraud",
        "frustrated", "hate", "poor", "rude",
    ];

    private static readonly HashSet<string> Positive =
    [
        "thanks", "thank", "great", "love", "excellent", "perfect", "happy", "awesome", "amazing", "wonderful", "helpful", "appreciate", "pleased", "good",
    ];

    /// <summary>The language tag of the best-matching word list (<c>en</c> when nothing matches).</summary>
    public static string Language(string text)
    {
        var words = Words(text);
        if (words.Count == 0) return "en";
        var best = CommonWords.Select(l => (l.Key, Hits: words.Count(w => l.Value.Contains(w)))).OrderByDescending(l => l.Hits).ThenBy(l => l.Key == "en" ? 0 : 1).First();
        return best.Hits == 0 ? "en" : best.Key;
    }

    /// <summary><c>negative</c>, <c>neutral</c> or <c>positive</c>.</summary>
    public static string Sentiment(string text)
    {
        var words = Words(text);
        var score = words.Count(Positive.Contains) - words.Count(Negative.Contains);
        if (text.Contains("!!", StringComparison.Ordinal)) score--;
        var letters = text.Where(char.IsLetter).ToList();
        if (letters.Count >= 12 && letters.Count(char.IsUpper) > letters.Count * 0.6) score -= 2;
        return score <= -1 ? "negative" : score >= 1 ? "positive" : "neutral";
    }

    /// <summary>Whether the customer asks to talk to a person rather than a bot.</summary>
    public static bool AsksForPerson(string text) => PersonRequest().IsMatch(text);

    private static List<string> Words(string text) => [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\b(talk|speak|chat|connect me|put me through|transfer me)\b.{0,30}\b(human|person|someone|somebody|agent|representative|operator|real)\b|\b(human|real person|live agent|representative)\b.{0,20}\b(please|now)\b|^\s*(human|agent|person|representative)\s*[.!?]*\s*$|\bno (more )?bots?\b",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex PersonRequest();
}
