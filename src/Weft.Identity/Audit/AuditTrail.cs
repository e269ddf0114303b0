using System.Text.Json;
using Weft.Identity.Persistence;

namespace Weft.Identity.Audit;

/// <summary>Who signed in, and who changed what: written in the same transaction as the change it records.</summary>
internal static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Event types written by this module, which with the engine's own make up the audit trail.</summary>
    public static readonly string[] Types =
    [
        "tenant_created", "user_signed_in", "sign_in_failed", "user_locked_out", "user_signed_out", "password_changed",
        "user_created", "user_updated", "user_role_changed", "api_key_created", "api_key_revoked", "token_issued",
        "graph_published", "token_cancelled", "inbox_resolved", "agent_registered", "agent_updated",
    ];

    public static void Record(IdentityDbContext db, DateTime at, string actor, string type, object? data) =>
        db.Audit.Add(new AuditRecord
        {
            Type = type,
            At = at,
            Actor = actor.Length > 256 ? actor[..256] : actor,
            DataJson = data is null ? null : JsonSerializer.Serialize(data, Json),
        });
}
