using Weft.Support.Knowledge;

namespace Weft.Support.Demo;

/// <summary>The demo shop's help center: a few published articles customers and the AI tier can answer from, and one draft.</summary>
internal static class DemoArticles
{
    public static readonly IReadOnlyList<(ArticleRequest Article, bool Published)> All =
    [
        (new ArticleRequest("Where is my order?", """
            Orders leave our Lisbon workshop within **3 working days**; made-to-measure pieces take up to 10.

            1. When your parcel leaves, we email you its tracking number.
            2. Tracking can stay still for up to 48 hours while the parcel crosses a border.
            3. If it has not moved for longer, write to us with your order number and we will ask the carrier.

            Delivery takes 2-4 working days within the EU and 5-8 elsewhere.
            """, "Orders and delivery", "where-is-my-order"), true),
        (new ArticleRequest("Returns and exchanges", """
            You can return any piece within **30 days** of delivery, unused and in its dust bag, for a full refund.

            - Start a return by chatting with us or answering your order email; we send a prepaid label within the EU.
            - Refunds go back to the card you paid with within 5 working days of the piece reaching us.
            - Engraved or made-to-measure pieces cannot be returned, but we repair them for free.
            """, "Orders and delivery", "returns-and-exchanges"), true),
        (new ArticleRequest("Repairs and scratches", """
            Vegetable-tanned leather scratches, and most marks fade by rubbing them gently with a warm finger.

            If a piece arrives damaged, send us a photo within 14 days: we repair or replace it at our cost. After that,
            repairs are free for two years and at cost price afterwards; stitching is guaranteed for life.
            """, "Care and repairs", "repairs-and-scratches"), true),
        (new ArticleRequest("Engraving initials", """
            We engrave up to **three initials** on wallets, straps and bags, blind or gold-stamped, for € 15.

            Engraving adds 2 working days to the making time. Engraved pieces cannot be returned.
            """, "Personalisation", "engraving-initials"), true),
        (new ArticleRequest("Caring for shell cordovan", """
            Shell cordovan needs little: brush it, and once a season rub in a pea-sized drop of cordovan cream.
            """, "Care and repairs", "caring-for-shell-cordovan"), false),
    ];
}
