using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Weft.Identity.ExternalSignIn;

/// <summary>
/// The handlers' option plumbing without any scheme of their own (<c>AddOpenIdConnect</c> would add one with no
/// provider behind it): schemes come and go with the tenants' providers (<see cref="ExternalSchemes"/>).
/// </summary>
internal static class ExternalSignInRegistration
{
    public static void AddExternalSignIn(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ExternalOidcOptions>();
        services.AddSingleton<IConfigureOptions<OAuthOptions>, ExternalGitHubOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OAuthOptions>, OAuthPostConfigureOptions<OAuthOptions, OAuthHandler<OAuthOptions>>>());
    }
}
