using System.Net;

namespace Weft.Support.Widget;

/// <summary>The demo customer site: a small shop's page hosting the chat widget with the tag a tenant's own site would add.</summary>
internal static class DemoShop
{
    public static string Html(string tenant) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
          <title>Atelier Lumen · demo shop</title><link rel="icon" href="data:,">
          <style>
            body { margin: 0; font-family: Georgia, serif; color: #2b2118; background: #faf6f0; }
            header { padding: 24px 40px; border-bottom: 1px solid #e0d6c8; display: flex; justify-content: space-between; align-items: baseline; }
            header h1 { margin: 0; font-size: 28px; letter-spacing: .04em; }
            main { padding: 32px 40px; display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 24px; max-width: 1100px; }
            article { background: #fff; border: 1px solid #e0d6c8; border-radius: 6px; padding: 20px; }
            article h2 { font-size: 18px; margin: 0 0 8px; }
            .price { font-weight: bold; }
            footer { padding: 24px 40px; font-size: 14px; color: #5c4b3b; }
          </style>
        </head>
        <body>
          <header><h1>Atelier Lumen</h1><span>Hand-stitched leather goods</span></header>
          <main>
            <article><h2>Saddle bag</h2><p>Vegetable-tanned leather, saddle-stitched by hand.</p><p class="price">€ 420</p></article>
            <article><h2>Card wallet</h2><p>Six pockets, edges burnished and waxed.</p><p class="price">€ 95</p></article>
            <article><h2>Watch strap</h2><p>Shell cordovan, made to your wrist.</p><p class="price">€ 140</p></article>
          </main>
          <footer>This is Weft's demo of a customer's web site: the chat in the corner is Weft's support widget for the desk '{{WebUtility.HtmlEncode(tenant)}}'.</footer>
          <script src="/_content/Weft.Support/weft-chat.js" data-tenant="{{WebUtility.HtmlEncode(tenant)}}" data-title="Chat with Atelier Lumen" defer></script>
        </body>
        </html>
        """;
}
