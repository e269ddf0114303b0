using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Weft.Platform.Webhooks;

/// <summary>
/// Renders an event in a subscription's format. Chat tools get a short readable message (the event's name and its
/// fields, one per line) in the shape their incoming webhooks document: Slack <c>{text, blocks}</c>, Discord
/// <c>{content, embeds}</c>, Teams a <c>message</c> with one Adaptive Card attachment.
/// </summary>
internal static class WebhookBodies
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Discord refuses content over 2000 characters and Slack truncates long sections; the receiver's log has the rest.
    private const int MaxText = 1800;

    public static string Render(string format, WebhookEnvelope e)
    {
        var title = $"Weft: {e.Type}";
        var lines = Lines(e.Data);
        return format switch
        {
            WebhookFormats.Slack => JsonSerializer.Serialize(new
            {
                text = $"{title}\n{lines}",
                blocks = new object[]
                {
                    new { type = "header", text = new { type = "plain_text", text = Cut(title, 150) } },
                    new { type = "section", text = new { type = "mrkdwn", text = lines.Length == 0 ? "_(no fields)_" : lines } },
                    new { type = "context", elements = new object[] { new { type = "mrkdwn", text = Footer(e) } } },
                },
            }, Json),
            WebhookFormats.Discord => JsonSerializer.Serialize(new
            {
                content = Cut(title, 2000),
                embeds = new object[] { new { title = Cut(e.Type, 256), description = lines, timestamp = Iso(e.OccurredAt), footer = new { text = Footer(e) } } },
            }, Json),
            WebhookFormats.Teams => JsonSerializer.Serialize(new
            {
                type = "message",
                attachments = new object[]
                {
                    new Dictionary<string, object?>
                    {
                        ["contentType"] = "application/vnd.microsoft.card.adaptive",
                        ["contentUrl"] = null,
                        ["content"] = new Dictionary<string, object>
                        {
                            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                            ["type"] = "AdaptiveCard",
                            ["version"] = "1.2",
                            ["body"] = new object[]
                            {
                                new { type = "TextBlock", text = title, weight = "Bolder", size = "Medium", wrap = true },
                                new { type = "TextBlock", text = lines, wrap = true },
                                new { type = "TextBlock", text = Footer(e), isSubtle = true, size = "Small", wrap = true },
                            },
                        },
                    },
                },
            }, Json),
            WebhookFormats.Email => JsonSerializer.Serialize(new WebhookEmail(title,
                $"{lines}\n\n{Footer(e)}\n\n{JsonSerializer.Serialize(e, Json)}\n"), Json),
            _ => JsonSerializer.Serialize(e, Json),
        };
    }

    private static string Footer(WebhookEnvelope e) => $"{e.Id} · {Iso(e.OccurredAt)}";

    private static string Iso(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The event's top-level fields, <c>name: value</c> a line.</summary>
    private static string Lines(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object) return Cut(data.GetRawText(), MaxText);
        var sb = new StringBuilder();
        foreach (var p in data.EnumerateObject())
        {
            var value = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Null => "—",
                _ => p.Value.GetRawText(),
            };
            sb.Append(p.Name).Append(": ").Append(Cut(value ?? "", 300)).Append('\n');
        }
        return Cut(sb.ToString().TrimEnd('\n'), MaxText);
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
