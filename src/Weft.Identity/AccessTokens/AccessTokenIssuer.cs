using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

using Microsoft.Extensions.Configuration;
using Weft.Identity.Callers;
using Weft.Identity.Persistence;
using Weft.Identity.SigningIn;
using Weft.Platform.Web.Security;

namespace Weft.Identity.AccessTokens;

/// <summary>
/// Short-lived JWT access tokens (HS256). The signing key comes from <c>Weft:Auth:SigningKey</c>, or
/// is generated once and kept in the database so that every host sharing it, and every restart,
/// accepts the same tokens. A token names its caller; who that caller is and may do is read from the
/// database on each request, so a revoked key or a changed password ends its tokens at once.
/// </summary>
internal sealed class AccessTokenIssuer(IdentityDb data, SignInPolicy options, TimeProvider clock, IConfiguration config)
{
    public const string Issuer = "weft";
    public const string Audience = "weft-api";
    private const string KeySetting = "jwt_signing_key";

    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private SymmetricSecurityKey? key;

    /// <summary>Loads or creates the signing key; called once at start, after the schema is up to date.</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        var configured = config["Weft:Auth:SigningKey"];
        if (!string.IsNullOrEmpty(configured))
        {
            var bytes = Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < 32) throw new InvalidOperationException("Weft:Auth:SigningKey must be at least 32 bytes.");
            key = new SymmetricSecurityKey(bytes);
            return;
        }
        await using var db = await data.OpenAsync(ct: ct);
        var row = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Name == KeySetting, ct);
        if (row is null)
        {
            db.Settings.Add(new SettingRecord { Name = KeySetting, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another host made it first; use theirs.
            }
            db.ChangeTracker.Clear();
            row = await db.Settings.AsNoTracking().FirstAsync(s => s.Name == KeySetting, ct);
        }
        key = new SymmetricSecurityKey(Convert.FromBase64String(row.Value));
    }

    private SymmetricSecurityKey Key => key ?? throw new InvalidOperationException("Access tokens are not initialized.");

    public TokenResponse Issue(Caller caller)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + options.TokenLifetime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            Claims = new Dictionary<string, object>
            {
                [WeftClaims.Subject] = caller.Subject,
                [WeftClaims.Tenant] = caller.TenantId,
                [WeftClaims.Stamp] = caller.Stamp,
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, expires, "Bearer");
    }

    /// <summary>The token's (tenant, subject, stamp) when its signature, issuer, audience and lifetime hold.</summary>
    public async Task<(long Tenant, string Subject, string Stamp)?> ValidateAsync(string token, CancellationToken ct)
    {
        if (token.Length > 4096) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
            // Lifetime is judged by the host's clock (a hand-moved one in tests), not the machine's.
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } e && e > now && (notBefore is not { } nb || nb <= now.AddSeconds(5)),
        });
        if (!result.IsValid) return null;
        var claims = result.ClaimsIdentity;
        if (!long.TryParse(claims.FindFirst(WeftClaims.Tenant)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var tenant)) return null;
        var subject = claims.FindFirst(WeftClaims.Subject)?.Value ?? claims.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (subject is null) return null;
        return (tenant, subject, claims.FindFirst(WeftClaims.Stamp)?.Value ?? "");
    }
}
