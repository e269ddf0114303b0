using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Weft.Flow;
using Weft.Host.Api;
using Weft.Platform.Persistence;

namespace Weft.Host.Security;

/// <summary>
/// How callers prove who they are. People sign in with a password and get a session cookie;
/// programs send <c>Authorization: Bearer &lt;access token&gt;</c> or <c>Authorization: ApiKey &lt;key&gt;</c>.
/// Whatever the proof, the caller is loaded from the database on each request.
/// </summary>
internal static class WeftAuthentication
{
    public const string Scheme = "weft";
    public const string TokenScheme = "token";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string SignInLimit = "sign-in";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static void AddWeftSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(SecurityOptions.From(config));
        SecurityDbContext.Tables.Register(services);
        services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<UserRecord>, Microsoft.AspNetCore.Identity.PasswordHasher<UserRecord>>();
        services.AddSingleton<SecurityStore>();
        services.AddSingleton<AccessTokens>();
        services.AddHttpContextAccessor();
        // The engine of the caller's tenant; endpoints behind authorization always have one.
        services.AddScoped(sp => sp.GetRequiredService<FlowEngines>().For(
            sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User.TenantOf()
            ?? throw new InvalidOperationException("No tenant: the engine is only available to authenticated requests.")));

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie, bearer token or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count > 0 ? TokenScheme : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenScheme, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "weft.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(config.GetValue("Weft:Auth:SessionHours", 8.0));
                o.SlidingExpiration = true;
                o.LoginPath = "/sign-in";
                o.LogoutPath = "/sign-out";
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "weft.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<FormOptions>(o =>
        {
            o.ValueLengthLimit = 16 * 1024;
            o.KeyLengthLimit = 256;
            o.ValueCountLimit = 64;
            o.MultipartBodyLengthLimit = 1024 * 1024;
        });

        var signInPerMinute = config.GetValue("Weft:RateLimits:SignInPerMinute", 10);
        var requestsPerMinute = config.GetValue("Weft:RateLimits:RequestsPerMinute", 6000);
        services.AddRateLimiter(o =>
        {
            // Sign-in attempts per client address: guessing passwords is slow even across many accounts.
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // Every authenticated caller (user or API key) gets its own budget, refilled continuously.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.User.TenantOf() is { } tenant
                    ? RateLimitPartition.GetTokenBucketLimiter($"caller:{tenant}:{http.User.SubjectOf()}", _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(1, requestsPerMinute / 6),
                        TokensPerPeriod = Math.Max(1, requestsPerMinute / 60),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("anonymous"));
            o.OnRejected = async (ctx, ct) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                await ProblemExceptionHandler.WriteAsync(ctx.HttpContext, 429, "rate_limited", "Too many requests",
                    $"Too many requests; try again in {seconds} s.", null,
                    [new("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            };
        });

        var origins = config.GetSection("Weft:Cors:AllowedOrigins").Get<string[]>() ?? [];
        if (origins.Length > 0)
            services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()
                .WithExposedHeaders("Retry-After", "Location")));
    }

    private static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder b)
    {
        foreach (var permission in Permissions.All)
            b.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireClaim(Caller.PermissionClaim, permission));
        return b;
    }

    /// <summary>Security headers, CORS (closed unless configured), authentication, rate limits, antiforgery, authorization.</summary>
    public static void UseWeftSecurity(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            // Set as the response starts, so that error pages written after a Clear() carry them too.
            http.Response.OnStarting(() =>
            {
                SecurityHeaders(http);
                return Task.CompletedTask;
            });
            return next(http);
        });
        if ((app.Configuration.GetSection("Weft:Cors:AllowedOrigins").Get<string[]>() ?? []).Length > 0) app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.Use(RequireAntiforgeryAsync);
        app.UseAuthorization();
    }

    private static void SecurityHeaders(HttpContext http)
    {
        var h = http.Response.Headers;
        h.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (http.Request.Path.StartsWithSegments("/api/v1/auth")) h.CacheControl = "no-store";
    }

    /// <summary>
    /// A browser's cookie travels with any request a page sends, so every state-changing request made
    /// with the session cookie, and every form post, must carry an antiforgery token. Token and
    /// API-key callers send their credential deliberately and need none.
    /// </summary>
    private static async Task RequireAntiforgeryAsync(HttpContext http, RequestDelegate next)
    {
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method));
        if (unsafeMethod && (http.User.SchemeOf() == "cookie" || http.Request.HasFormContentType))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            bool valid;
            try
            {
                valid = await antiforgery.IsRequestValidAsync(http);
            }
            catch (AntiforgeryValidationException e)
            {
                // The form could not be read to find the token (over the body or a field limit, malformed):
                // a bad request, never a 500.
                var (status, code, title) = e.InnerException is BadHttpRequestException { StatusCode: 413 }
                    ? (413, "request_too_large", "Request too large")
                    : (400, "malformed_request", "Malformed request");
                await ProblemExceptionHandler.WriteAsync(http, status, code, title, e.InnerException?.Message ?? e.Message, null);
                return;
            }
            if (!valid)
            {
                await ProblemExceptionHandler.WriteAsync(http, 400, "antiforgery_failed", "Antiforgery check failed",
                    $"Requests made with a session cookie must carry the antiforgery token (form field or {AntiforgeryHeader} header).", null);
                return;
            }
        }
        await next(http);
    }

    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext ctx)
    {
        var principal = ctx.Principal;
        var store = ctx.HttpContext.RequestServices.GetRequiredService<SecurityStore>();
        var caller = principal?.TenantOf() is { } tenant && principal.SubjectOf() is { } subject
            ? await store.LoadAsync(tenant, subject, principal.FindFirst(Caller.StampClaim)?.Value, ctx.HttpContext.RequestAborted)
            : null;
        if (caller is null)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieScheme);
            return;
        }
        ctx.ReplacePrincipal(caller.ToPrincipal("cookie"));
    }

    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/metrics") || request.Headers.Authorization.Count > 0;
}

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> and <c>Authorization: ApiKey &lt;key&gt;</c>.</summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SecurityStore store, AccessTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var claims = await tokens.ValidateAsync(header[7..].Trim(), Context.RequestAborted);
            var caller = claims is { } c ? await store.LoadAsync(c.Tenant, c.Subject, c.Stamp, Context.RequestAborted) : null;
            return caller is null
                ? AuthenticateResult.Fail("The access token is not valid: expired, malformed, or its key or password has changed.")
                : Success(caller, "bearer");
        }
        if (header.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            var caller = await store.AuthenticateKeyAsync(header[7..].Trim(), Context.RequestAborted);
            return caller is null ? AuthenticateResult.Fail("The API key is not valid, expired or revoked.") : Success(caller, "api-key");
        }
        return AuthenticateResult.Fail("The Authorization header must be 'Bearer <access token>' or 'ApiKey <key>'.");
    }

    private AuthenticateResult Success(Caller caller, string scheme) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(scheme), Scheme.Name));
}

/// <summary>Answers 401 and 403 on the API as problem details that say what is missing; pages keep the sign-in redirect.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!WeftAuthentication.IsApiRequest(http.Request) || result.Succeeded)
        {
            await fallback.HandleAsync(next, http, policy, result);
            return;
        }
        if (result.Challenged)
        {
            var failure = (await http.AuthenticateAsync(WeftAuthentication.Scheme)).Failure?.Message;
            await ProblemExceptionHandler.WriteAsync(http, 401,
                failure is null ? "authentication_required" : "invalid_credentials", "Unauthorized",
                failure ?? "Sign in, or send 'Authorization: Bearer <access token>' or 'Authorization: ApiKey <key>'.", null,
                [new("WWW-Authenticate", "Bearer, ApiKey")]);
            return;
        }
        var needed = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.ClaimsAuthorizationRequirement>()
            .SelectMany(r => r.AllowedValues ?? []).ToList();
        await ProblemExceptionHandler.WriteAsync(http, 403, "forbidden", "Forbidden",
            needed.Count > 0
                ? $"This needs the '{string.Join("', '", needed)}' permission, which your role or key scopes do not grant."
                : "You may not do this.", null);
    }
}
