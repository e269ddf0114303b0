using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Support.Persistence;

/// <summary>
/// A canned reply of the tenant's: a body with variables (<c>{{customer.first_name}}</c>) rendered for the conversation
/// it is applied to, sent as a reply or an internal note, and actions that change the conversation (status, priority,
/// type, tags) in the same transaction.
/// </summary>
internal sealed class SupportMacroRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The template of the message it writes; none for a macro that only acts.</summary>
    public string? Body { get; set; }
    /// <summary>Whether the body goes in as an internal note rather than a reply to the customer.</summary>
    public bool AsNote { get; set; }
    /// <summary>What it changes, a JSON object of {status, priority, type, addTags, removeTags}.</summary>
    public string ActionsJson { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<SupportMacroRecord>(e =>
    {
        e.ToTable("support_macros");
        e.HasIndex(x => new { x.TenantId, x.Title }).IsUnique();
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Body).HasMaxLength(10000);
        e.Property(x => x.ActionsJson).HasMaxLength(4000);
    });
}
