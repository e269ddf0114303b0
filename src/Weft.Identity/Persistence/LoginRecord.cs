namespace Weft.Identity.Persistence;

/// <summary>
/// The sign-in directory: which tenant and user an email belongs to. It holds no secret, and is the
/// one table read before the caller's tenant is known (emails are unique across tenants).
/// </summary>
internal sealed class LoginRecord
{
    public string Email { get; set; } = "";
    public long TenantId { get; set; }
    public long UserId { get; set; }
}
