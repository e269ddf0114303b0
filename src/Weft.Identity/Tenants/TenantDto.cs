namespace Weft.Identity.Tenants;

public sealed record TenantDto(long Id, string Key, string Name, DateTime CreatedAt);
