namespace Weft.Platform.Webhooks;

/// <summary>How a subscription's deliveries are shaped and where they go.</summary>
public static class WebhookFormats
{
    /// <summary>The Weft envelope <c>{id, type, occurredAt, tenant, data}</c>, signed with the subscription's secret.</summary>
    public const string Json = "json";
    /// <summary>A Slack incoming webhook: <c>{text, blocks}</c>.</summary>
    public const string Slack = "slack";
    /// <summary>A Discord channel webhook: <c>{content, embeds}</c>.</summary>
    public const string Discord = "discord";
    /// <summary>A Microsoft Teams workflow webhook: a message with one Adaptive Card.</summary>
    public const string Teams = "teams";
    /// <summary>An email to one recipient, through the platform's mail server.</summary>
    public const string Email = "email";

    public static readonly string[] All = [Json, Slack, Discord, Teams, Email];

    public static bool IsHttp(string format) => format != Email;
}
