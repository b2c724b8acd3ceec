using CoPLive.Gateway.Identity;
using Microsoft.Extensions.Options;

namespace CoPLive.Gateway.Api;

/// <summary>GET /api/auth/config: how the web app signs in (anonymous; nothing in it is secret).</summary>
public static class AuthConfigEndpoints
{
    public const string RedirectMode = "oidc";
    public const string DevelopmentMode = "dev";
    public const string TokenMode = "token";

    public static IEndpointRouteBuilder MapAuthConfigEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/auth/config", Read).AllowAnonymous();
        return routes;
    }

    private static AuthConfigResponse Read(IOptions<CoPLiveAuthOptions> options, IHostEnvironment environment)
    {
        var auth = options.Value;
        if (auth.UsesRedirectSignIn)
        {
            return new AuthConfigResponse(
                RedirectMode, auth.Authority!.TrimEnd('/'), auth.ClientId, auth.Scopes, auth.ProviderName, auth.NameClaim, auth.OrganizationClaim);
        }

        var mode = environment.IsDevelopment() && string.IsNullOrWhiteSpace(auth.Authority) ? DevelopmentMode : TokenMode;
        return new AuthConfigResponse(mode, auth.Authority, null, null, null, auth.NameClaim, auth.OrganizationClaim);
    }
}
