namespace Weft.Identity.Persistence;

/// <summary>An organization. Its id is the tenant id every business row carries.</summary>
internal sealed class TenantRecord
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
