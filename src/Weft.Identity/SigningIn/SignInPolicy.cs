using Microsoft.Extensions.Configuration;

namespace Weft.Identity.SigningIn;

/// <summary>Limits of sign-in and passwords, from <c>Weft:Auth</c>.</summary>
internal sealed record SignInPolicy(int MaxFailedSignIns, TimeSpan Lockout, TimeSpan TokenLifetime, int MinPasswordLength)
{
    public static SignInPolicy From(IConfiguration config) => new(
        config.GetValue("Weft:Auth:MaxFailedSignIns", 5),
        TimeSpan.FromMinutes(config.GetValue("Weft:Auth:LockoutMinutes", 15.0)),
        TimeSpan.FromMinutes(config.GetValue("Weft:Auth:TokenMinutes", 15.0)),
        config.GetValue("Weft:Auth:MinPasswordLength", 10));
}
