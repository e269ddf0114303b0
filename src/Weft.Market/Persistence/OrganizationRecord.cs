using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Market.Persistence;

/// <summary>
/// A buyer or supplier organization, a member of the marketplace (the tenant). Its people are <see cref="MemberRecord"/>s.
/// <see cref="Verified"/> is the badge the operator's verification gives a supplier and an expired certificate takes away.
/// </summary>
internal sealed class OrganizationRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string Country { get; set; } = "";
    public string? Description { get; set; }
    public string? Website { get; set; }
    public bool Verified { get; set; }
    /// <summary>The mean of the reviews of its delivered deals (each review's three scores averaged), null before the first.</summary>
    public double? RatingAverage { get; set; }
    public int RatingCount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<OrganizationRecord>(e =>
    {
        e.ToTable("market_organizations");
        e.HasIndex(x => new { x.TenantId, x.Key }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.Kind, x.Name });
        e.Property(x => x.Key).HasMaxLength(64);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Kind).HasMaxLength(16);
        e.Property(x => x.Country).HasMaxLength(2);
        e.Property(x => x.Description).HasMaxLength(4000);
        e.Property(x => x.Website).HasMaxLength(400);
    });
}

/// <summary>A person's membership of one organization, with their role in it (<see cref="Organizations.MarketRoles"/>). A user belongs to one organization at most.</summary>
internal sealed class MemberRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long OrganizationId { get; set; }
    /// <summary>The identity module's user id (subject <c>u:&lt;id&gt;</c>).</summary>
    public long UserId { get; set; }
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<MemberRecord>(e =>
    {
        e.ToTable("market_members");
        e.HasIndex(x => new { x.TenantId, x.UserId }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.OrganizationId });
        e.Property(x => x.Email).HasMaxLength(254);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Role).HasMaxLength(32);
    });
}
