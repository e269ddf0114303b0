using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Weft.Platform.Errors;
using Weft.Platform.Web.Security;

namespace Weft.Platform.Web.Http;

/// <summary>
/// The <c>Idempotency-Key</c> a command came with, scoped to the caller and the endpoint, and a
/// fingerprint of the request it was first used for (so a reused key with another body is refused).
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    private const string BodyHashItem = "weft.body-hash";

    /// <summary>The scoped key and the request's fingerprint, or null when the request has no key.</summary>
    public static (string Key, string Fingerprint)? Of(HttpContext http)
    {
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key)) return null;
        if (key.Length > 200 || key.Any(char.IsControl))
            throw WeftException.Invalid("invalid_idempotency_key", "The Idempotency-Key header is at most 200 printable characters.");
        var actor = http.User.ActorOf() ?? "";
        var hash = http.Items[BodyHashItem] as string ?? "";
        var fingerprint = Convert.ToHexString(SHA256.HashData(
            Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path} {actor} {hash}")));
        // Keys are scoped to the caller and the endpoint they were sent to (and stored per tenant).
        var scoped = "v2:" + Convert.ToHexString(SHA256.HashData(
            Encoding.UTF8.GetBytes($"{http.User.SubjectOf()}|{http.Request.Method} {http.Request.Path}|{key}")));
        return (scoped, fingerprint);
    }

    /// <summary>Hashes the bodies of commands sent with a key (bodies are small, and limited).</summary>
    public static async Task HashBodyAsync(HttpContext http, Func<Task> next)
    {
        if (HttpMethods.IsGet(http.Request.Method) || !http.Request.Headers.ContainsKey(Header))
        {
            await next();
            return;
        }
        http.Request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
        http.Request.Body.Position = 0;
        http.Items[BodyHashItem] = Convert.ToHexString(sha.GetHashAndReset());
        await next();
    }
}
