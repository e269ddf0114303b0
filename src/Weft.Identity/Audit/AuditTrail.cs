using System.Text.Json;
using Weft.Identity.Persistence;

namespace Weft.Identity.Audit;

/// <summary>Who signed in, and who changed what: written in the same transaction as the change it records.</summary>
internal static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Record(IdentityDbContext db, DateTime at, string actor, string type, object? data) =>
        Add(db, at, actor, type, data is null ? null : JsonSerializer.Serialize(data, Json), null);

    public static void Add(IdentityDbContext db, DateTime at, string? actor, string type, string? dataJson, long? sourceMessageId) =>
        db.Audit.Add(new AuditRecord
        {
            Type = type,
            At = at,
            Actor = actor is { Length: > 256 } ? actor[..256] : actor,
            DataJson = dataJson,
            SourceMessageId = sourceMessageId,
        });
}
