using System.Text.Json.Nodes;

namespace Weft.Identity.Audit;

public sealed record AuditEntryDto(long Id, string Type, DateTime At, string? Actor, JsonObject? Data);
