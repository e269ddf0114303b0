using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Visibility;
using Weft.Platform.Errors;

namespace Weft.Market.Messages;

/// <summary>
/// The marketplace's settings its staff keep: the video service meetings take place on, as a URL template with
/// <c>{room}</c> where each meeting's random, unguessable room name goes (<c>https://meet.jit.si/weft-{room}</c>).
/// </summary>
internal sealed class MarketSettings(MarketDb data)
{
    public const string Room = "{room}";
    public const int MaxTemplate = 300;

    public async Task<VideoSettingsDto> VideoAsync(long tenant, MarketViewer viewer, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var row = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct);
        return new VideoSettingsDto(row?.VideoUrlTemplate, row?.UpdatedBy, row?.UpdatedAt);
    }

    public async Task<VideoSettingsDto> SetVideoAsync(long tenant, MarketViewer viewer, VideoSettingsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!viewer.IsStaff && viewer.Kind != MarketViewerKind.System)
            throw WeftException.Forbidden("staff_only", "Only the marketplace's staff set its video service.");
        var template = string.IsNullOrWhiteSpace(request.UrlTemplate) ? null : request.UrlTemplate.Trim();
        if (template is not null) Check(template);
        await data.ChangeAsync(tenant, viewer, async db =>
        {
            var row = await db.Settings.FirstOrDefaultAsync(ct);
            if (row is null) db.Settings.Add(row = new Persistence.MarketSettingsRecord());
            row.VideoUrlTemplate = template;
            row.UpdatedBy = Threads.Cut(viewer.Name, 200);
            row.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return await VideoAsync(tenant, viewer, ct);
    }

    /// <summary>An http(s) URL of at most <see cref="MaxTemplate"/> characters naming <c>{room}</c> once, which stays a URL with a room in it.</summary>
    public static void Check(string template)
    {
        var at = template.IndexOf(Room, StringComparison.Ordinal);
        if (template.Length > MaxTemplate || at < 0 || template.IndexOf(Room, at + 1, StringComparison.Ordinal) >= 0
            || !Uri.TryCreate(template.Replace(Room, "room", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || template.Any(char.IsWhiteSpace))
            throw FieldErrors.Of("urlTemplate", $"'urlTemplate' is an http(s) URL of at most {MaxTemplate} characters with {Room} once in it, e.g. https://meet.jit.si/weft-{Room}.");
    }

    /// <summary>A meeting's link: the template with a random room name of 130 bits (26 lower-case letters and digits).</summary>
    public static string Link(string template)
    {
        var room = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz234567", 26);
        return template.Replace(Room, room, StringComparison.Ordinal);
    }
}
