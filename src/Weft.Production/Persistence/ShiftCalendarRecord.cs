using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Production.Persistence;

/// <summary>When one agent works: the weekly windows and the days off, as JSON (an agent without a row works the standard week).</summary>
internal sealed class ShiftCalendarRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string AgentKey { get; set; } = "";
    public string WeekJson { get; set; } = "{}";
    public string DaysOffJson { get; set; } = "[]";
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
