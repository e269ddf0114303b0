using System.Globalization;
using System.Net;
using System.Text;

namespace Weft.Support.Knowledge;

/// <summary>The public help center's HTML: a tenant's published articles by category with search, and one article, with the chat widget.</summary>
internal static class HelpCenterPage
{
    public static string Home(string tenantKey, string tenantName, string? search, IReadOnlyList<PublicArticleDto> articles)
    {
        var body = new StringBuilder();
        body.Append(SearchForm(tenantKey, search));
        if (!string.IsNullOrWhiteSpace(search))
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"count\" role=\"status\">{articles.Count} article{(articles.Count == 1 ? "" : "s")} found for “{E(search)}”.</p>");
        else if (articles.Count == 0)
            body.Append("<p class=\"count\">No articles are published yet.</p>");
        foreach (var category in articles.GroupBy(a => a.Category))
        {
            body.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(category.Key)}</h2><ul>");
            foreach (var a in category)
                body.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(a.Url)}\">{E(a.Title)}</a><p>{E(a.Excerpt)}</p></li>");
            body.Append("</ul></section>");
        }
        return Page(tenantKey, $"{tenantName} help center", tenantName, body.ToString());
    }

    public static string Article(string tenantKey, string tenantName, string title, string category, DateTime updatedAt, string markdown)
    {
        var body = $"""
            <nav aria-label="Breadcrumb"><a href="{E(HelpCenterPaths.Home(tenantKey))}">Help center</a> › {E(category)}</nav>
            <article><h1>{E(title)}</h1><p class="updated">Updated {updatedAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}</p>
            <div class="text">{ArticleText.Html(markdown)}</div></article>
            """;
        return Page(tenantKey, $"{title} · {tenantName} help center", tenantName, body);
    }

    public static string Missing(string what) => $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title><link rel="icon" href="data:,"></head>
        <body><main><h1>Not found</h1><p>{E(what)}</p></main></body></html>
        """;

    private static string SearchForm(string tenantKey, string? search) => $"""
        <form role="search" action="{E(HelpCenterPaths.Home(tenantKey))}" method="get">
          <label for="q">Search the help center</label>
          <input id="q" name="q" type="search" maxlength="200" value="{E(search ?? "")}"><button type="submit">Search</button>
        </form>
        """;

    private static string Page(string tenantKey, string title, string tenantName, string main) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
          <title>{{E(title)}}</title><link rel="icon" href="data:,">
          <style>
            body { margin: 0; font-family: system-ui, sans-serif; color: #1f2328; background: #f6f8fa; line-height: 1.5; }
            header { background: #24292f; color: #fff; padding: 20px 40px; }
            header a { color: #fff; text-decoration: none; font-size: 22px; font-weight: 600; }
            main { max-width: 860px; margin: 0 auto; padding: 24px 40px 80px; }
            form { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 24px; }
            form label { width: 100%; font-weight: 600; }
            input[type=search] { flex: 1; min-width: 240px; padding: 10px; font-size: 16px; border: 1px solid #8c959f; border-radius: 6px; }
            button { padding: 10px 18px; font-size: 16px; border-radius: 6px; border: 1px solid #1a7f37; background: #1f883d; color: #fff; cursor: pointer; }
            section { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 8px 24px; margin-bottom: 20px; }
            section ul { list-style: none; padding: 0; }
            section li { margin-bottom: 14px; }
            section li a { font-weight: 600; color: #0550ae; }
            section li p { margin: 2px 0 0; color: #57606a; }
            article { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 8px 32px 24px; }
            .updated, nav { color: #57606a; font-size: 14px; }
            nav a, .text a { color: #0550ae; }
            footer { text-align: center; color: #57606a; padding: 0 40px 40px; }
          </style>
        </head>
        <body>
          <header><a href="{{E(HelpCenterPaths.Home(tenantKey))}}">{{E(tenantName)}} · Help center</a></header>
          <main>{{main}}</main>
          <footer>Still need help? Chat with us: the button in the corner starts a conversation with our team.</footer>
          <script src="/_content/Weft.Support/weft-chat.js" data-tenant="{{E(tenantKey)}}" data-title="Chat with {{E(tenantName)}}" defer></script>
        </body>
        </html>
        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
