using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Platform.Security;
using Weft.Platform.Web.Problems;

namespace Weft.Platform.Web.Security;

/// <summary>
/// What guards every request, whichever module serves it: an authenticated caller unless an endpoint
/// says otherwise, one authorization policy per declared permission, antiforgery on everything a
/// browser session changes, rate limits per caller and for sign-in, security headers, CORS (closed
/// unless configured) and bounded forms. How callers prove who they are is the identity module's.
/// </summary>
public static class WebSecurity
{
    /// <summary>The rate-limit policy of sign-in endpoints: attempts per client address.</summary>
    public const string SignInLimit = "sign-in";

    /// <summary>The rate limit of anonymous starts (<c>Weft:RateLimits:PublicStartsPerMinute</c> per client address, 30 by default).</summary>
    public const string PublicStartLimit = "public-start";

    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static void AddWeftWebSecurity(this IServiceCollection services, IConfiguration config, PermissionCatalog catalog)
    {
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var permission in catalog.Permissions)
            authorization.AddPolicy(permission.Name, p => p.RequireAuthenticatedUser().RequireClaim(WeftClaims.Permission, permission.Name));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        // Secrets at rest (providers' API keys) and cookies are encrypted with one key ring, kept in the database.
        services.AddDataProtection().SetApplicationName("Weft");
        services.AddOptions<KeyManagementOptions>().Configure<ProtectionKeyStore>((o, store) => o.XmlRepository = new DatabaseXmlRepository(store));
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
        var publicStartsPerMinute = config.GetValue("Weft:RateLimits:PublicStartsPerMinute", 30);
        services.AddRateLimiter(o =>
        {
            // Sign-in attempts per client address: guessing passwords is slow even across many accounts.
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // Anonymous visitors starting something (a chat from a web site's widget) per client address.
            o.AddPolicy(PublicStartLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                "start:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = publicStartsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
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
                    [new("Retry-After", seconds.ToString(CultureInfo.InvariantCulture))]);
            };
        });

        var origins = config.GetSection("Weft:Cors:AllowedOrigins").Get<string[]>() ?? [];
        if (origins.Length > 0)
            services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()
                .WithExposedHeaders("Retry-After", "Location")));
    }

    /// <summary>Security headers, CORS, authentication, rate limits, antiforgery, authorization; in that order.</summary>
    public static void UseWeftWebSecurity(this WebApplication app)
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
        // Styles may be inline (MudBlazor sets them per element); scripts come only from this site, and so do the
        // installable app's manifest and service worker (named although default-src covers them: they are the app's).
        h.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; manifest-src 'self'; worker-src 'self'; " +
            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (http.Request.Path.StartsWithSegments("/api/v1/auth")) h.CacheControl = "no-store";
    }

    /// <summary>
    /// A browser's cookie travels with any request a page sends, so every state-changing request made
    /// with the session cookie, and every form post not made with a token or API key (the sign-in form),
    /// must carry an antiforgery token. Token and API-key callers send their credential deliberately (a
    /// cross-site form cannot set an Authorization header) and need none, also to upload a file. Every
    /// form is read here, before any endpoint, whoever sends it: one that cannot be read (malformed, over
    /// a field or body limit) is a bad request, never a 500 from deep inside an endpoint.
    /// </summary>
    private static async Task RequireAntiforgeryAsync(HttpContext http, RequestDelegate next)
    {
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method));
        // Live pages' connection (/_blazor) is not a change by itself: what it can do is bound to components the
        // server rendered and signed for this session, and the SameSite=Strict cookie never travels cross-site.
        if (!unsafeMethod || http.Request.Path.StartsWithSegments("/_blazor"))
        {
            await next(http);
            return;
        }
        if (http.Request.HasFormContentType)
        {
            try
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException && !http.RequestAborted.IsCancellationRequested)
            {
                var tooLarge = e is BadHttpRequestException { StatusCode: 413 }
                    || (e is InvalidDataException && e.Message.StartsWith("Multipart body length limit", StringComparison.Ordinal));
                var (status, code, title) = tooLarge ? (413, "request_too_large", "Request too large") : (400, "malformed_request", "Malformed request");
                await ProblemExceptionHandler.WriteAsync(http, status, code, title, e.Message, null);
                return;
            }
        }
        var scheme = http.User.SchemeOf();
        if (scheme == WeftClaims.CookieScheme || (scheme is null && http.Request.HasFormContentType))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                await ProblemExceptionHandler.WriteAsync(http, 400, "antiforgery_failed", "Antiforgery check failed",
                    $"Requests made with a session cookie must carry the antiforgery token (form field or {AntiforgeryHeader} header).", null);
                return;
            }
        }
        await next(http);
    }

    /// <summary>A program's request (answered with problem details, never a sign-in page): <c>/api</c>, <c>/metrics</c>,
    /// the OpenAI-compatible <c>/v1</c>, or anything sent with an Authorization header.</summary>
    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/metrics") || request.Path.StartsWithSegments("/v1")
        || request.Headers.Authorization.Count > 0;
}
