using Weft.Platform.Errors;
using Weft.Platform.Web.Ui;

namespace Weft.Market.Auctions;

/// <summary>A refused auction as the dialog shows it: the whole refusal above the fields, and each wrong field marked with its own messages.</summary>
internal sealed class AuctionFormProblem
{
    private readonly IReadOnlyDictionary<string, string[]> fields;

    public AuctionFormProblem(WeftException refusal)
    {
        fields = refusal.Details as IReadOnlyDictionary<string, string[]> ?? new Dictionary<string, string[]>();
        Text = ProblemText.Of(refusal);
    }

    public AuctionFormProblem(string field, string message)
    {
        fields = new Dictionary<string, string[]> { [field] = [message] };
        Text = message;
    }

    public string Text { get; }

    public bool Has(string field) => fields.ContainsKey(field);

    public string? For(string field) => fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
