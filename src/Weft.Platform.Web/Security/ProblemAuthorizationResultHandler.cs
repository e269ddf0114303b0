using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Weft.Platform.Web.Problems;

namespace Weft.Platform.Web.Security;

/// <summary>Answers 401 and 403 on the API as problem details that say what is missing; pages keep the sign-in redirect.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!WebSecurity.IsApiRequest(context.Request) || authorizeResult.Succeeded)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (authorizeResult.Challenged)
        {
            var failure = (await context.AuthenticateAsync()).Failure?.Message;
            await ProblemExceptionHandler.WriteAsync(context, 401,
                failure is null ? "authentication_required" : "invalid_credentials", "Unauthorized",
                failure ?? "Sign in, or send 'Authorization: Bearer <access token>' or 'Authorization: ApiKey <key>'.", null,
                [new("WWW-Authenticate", "Bearer, ApiKey")]);
            return;
        }
        var needed = policy.Requirements.OfType<ClaimsAuthorizationRequirement>().SelectMany(r => r.AllowedValues ?? []).ToList();
        await ProblemExceptionHandler.WriteAsync(context, 403, "forbidden", "Forbidden",
            needed.Count > 0
                ? $"This needs the '{string.Join("', '", needed)}' permission, which your role or key scopes do not grant."
                : "You may not do this.", null);
    }
}
