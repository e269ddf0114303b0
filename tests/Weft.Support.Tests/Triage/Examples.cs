using Weft.Support.Triage;

namespace Weft.Support.Tests.Triage;

/// <summary>A small made-up help desk: three intents worded several ways each.</summary>
internal static class Examples
{
    public static readonly IReadOnlyList<IntentExample> Synthetic =
    [
        .. Of("refund", "I want my money back", "please refund my order", "refund the payment for this order", "can I get a refund",
            "the refund has not arrived", "how do I get my money back", "return the money to my card", "I was charged and want a refund"),
        .. Of("delivery", "where is my parcel", "my package has not arrived", "when will my order be delivered", "track my delivery",
            "the courier did not come", "parcel is late", "delivery status of my order", "has my package shipped yet"),
        .. Of("password", "I forgot my password", "reset my password please", "cannot log in to my account", "my login does not work",
            "change my password", "locked out of my account", "password reset link expired", "how do I sign in again"),
    ];

    private static IEnumerable<IntentExample> Of(string intent, params string[] texts) => texts.Select(t => new IntentExample(t, intent));
}
