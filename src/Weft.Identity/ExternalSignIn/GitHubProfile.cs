using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth;

namespace Weft.Identity.ExternalSignIn;

/// <summary>
/// GitHub is not OpenID Connect: who signed in comes from <c>/user</c>, and their verified primary email from
/// <c>/user/emails</c> (the profile's public email may be any address, or none). Written as OpenID Connect's claims.
/// </summary>
internal static class GitHubProfile
{
    public static async Task ReadAsync(OAuthCreatingTicketContext context)
    {
        using var user = await GetAsync(context, context.Options.UserInformationEndpoint);
        var id = user.RootElement.GetProperty("id");
        context.Identity!.AddClaim(new Claim("sub", id.ValueKind == JsonValueKind.Number ? id.GetInt64().ToString(CultureInfo.InvariantCulture) : id.GetString() ?? ""));
        if (user.RootElement.TryGetProperty("login", out var login) && login.ValueKind == JsonValueKind.String)
            context.Identity.AddClaim(new Claim("name", login.GetString()!));
        using var emails = await GetAsync(context, context.Options.UserInformationEndpoint + "/emails");
        foreach (var entry in emails.RootElement.EnumerateArray())
        {
            if (!entry.TryGetProperty("primary", out var primary) || primary.ValueKind != JsonValueKind.True) continue;
            context.Identity.AddClaim(new Claim("email", entry.GetProperty("email").GetString() ?? ""));
            var verified = entry.TryGetProperty("verified", out var v) && v.ValueKind == JsonValueKind.True;
            context.Identity.AddClaim(new Claim("email_verified", verified ? "true" : "false"));
        }
    }

    private static async Task<JsonDocument> GetAsync(OAuthCreatingTicketContext context, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Weft", "1.0"));
        using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(context.HttpContext.RequestAborted), cancellationToken: context.HttpContext.RequestAborted);
    }
}
