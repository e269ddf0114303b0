using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Weft.Identity.ApiKeys;

/// <summary>API keys read <c>wk.{tenant}.{id}.{secret}</c>: the id finds the row, the secret proves it.</summary>
internal static class ApiKeyFormat
{
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Compose(long tenant, long id, string secret) => $"{Prefix(tenant, id)}.{secret}";

    public static string Prefix(long tenant, long id) => string.Create(CultureInfo.InvariantCulture, $"wk.{tenant}.{id}");

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool TryParse(string? key, out long tenant, out long id, out string secret)
    {
        tenant = 0;
        id = 0;
        secret = "";
        if (string.IsNullOrEmpty(key) || key.Length > 200) return false;
        var parts = key.Split('.');
        if (parts.Length != 4 || parts[0] != "wk") return false;
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out tenant) || tenant <= 0) return false;
        if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out id) || id <= 0) return false;
        secret = parts[3];
        return secret.Length >= 32;
    }

    public static string[] SplitScopes(string scopes) => scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
