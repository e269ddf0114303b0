using Weft.Platform.Errors;

namespace Weft.Platform.Web.Ui;

/// <summary>A refusal as a page shows it: the message, and what is wrong with each field when there is a list.</summary>
public static class ProblemText
{
    public static string Of(WeftException e) =>
        e.Details is IReadOnlyDictionary<string, string[]> fields && fields.Count > 0
            ? string.Join(" ", fields.SelectMany(f => f.Value))
            : e.Message;
}
