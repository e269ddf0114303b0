using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Weft.Identity.Persistence;
using Weft.Identity.SigningIn;
using Weft.Platform.Errors;

namespace Weft.Identity.Users;

/// <summary>
/// The password policy, hashing (ASP.NET Core's password hasher; passwords are never logged or
/// returned), security stamps and the one way emails are compared.
/// </summary>
internal sealed class Passwords(IPasswordHasher<UserRecord> hasher, SignInPolicy options)
{
    /// <summary>A hash of nobody's password: verifying against it costs what a real check costs.</summary>
    private static readonly string DummyHash = new PasswordHasher<UserRecord>().HashPassword(new UserRecord(), "not a password of anyone");

    public string Hash(UserRecord user, string password) => hasher.HashPassword(user, password);

    public PasswordVerificationResult Verify(UserRecord user, string password) => hasher.VerifyHashedPassword(user, user.PasswordHash, password);

    /// <summary>Spends the time of a password check, so an unknown email answers as slowly as a known one.</summary>
    public void VerifyNobody(string password) => hasher.VerifyHashedPassword(new UserRecord(), DummyHash, password);

    public string? Problem(string? password) =>
        password is null || password.Length < options.MinPasswordLength || password.Length > 256
            ? $"The password must be {options.MinPasswordLength}-256 characters."
            : null;

    public void Check(string? password, string field)
    {
        if (Problem(password) is { } p)
        {
            var errors = new FieldErrors();
            errors[field] = [p];
            errors.ThrowIfAny();
        }
    }

    public static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public static string? NormalizeEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var e = email.Trim().ToLowerInvariant();
        var at = e.IndexOf('@', StringComparison.Ordinal);
        return e.Length <= 254 && at > 0 && at == e.LastIndexOf('@') && at < e.Length - 1 && !e.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? e
            : null;
    }
}
