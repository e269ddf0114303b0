using System.Text.Json;
using Weft.Platform.Events;

namespace Weft.Platform.Audit;

/// <summary>
/// Something worth an entry in the audit trail happened in a module (a graph published, a decision
/// taken): published by that module with its change, recorded by the module that keeps the trail.
/// </summary>
[IntegrationEvent("platform.audit_recorded")]
public sealed record AuditRecorded(string Type, DateTime At, string? Actor, string? DataJson)
{
    /// <summary>The stream audit events travel in: they are recorded in the order they happened.</summary>
    public const string Stream = "audit";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string? DataOf(object? data) => data is null ? null : JsonSerializer.Serialize(data, Json);
}
