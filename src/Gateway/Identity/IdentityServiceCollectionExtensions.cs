using System.Security.Claims;
using System.Text;
using CoPLive.Common;
using CoPLive.Gateway.Api;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CoPLive.Gateway.Identity;

/// <summary>JWT bearer authentication for every hub, route and WebSocket endpoint.</summary>
public static class IdentityServiceCollectionExtensions
{
    /// <summary>Paths whose WebSocket clients pass the token in the query (access_token or token).</summary>
    private static readonly string[] QueryTokenPaths = ["/hubs", "/yjs"];

    public static IServiceCollection AddCoPLiveIdentity(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<CoPLiveAuthOptions>()
            .BindConfiguration(CoPLiveAuthOptions.SectionName)
            .Validate(
                options =>
                {
                    options.Validate();
                    return true;
                })
            .ValidateOnStart();
        if (environment.IsDevelopment())
        {
            services.AddSingleton<DevTokenIssuer>();
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<CoPLiveAuthOptions>>((jwt, auth) => Configure(jwt, auth.Value, environment.IsDevelopment()));
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// Whether the authority's metadata must be fetched over HTTPS: as configured, else always but in development
    /// for an http authority on loopback (a provider on the developer's machine).
    /// </summary>
    public static bool RequiresHttpsMetadata(CoPLiveAuthOptions auth, bool development) =>
        auth.RequireHttpsMetadata
        ?? !(development && Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) && authority.IsLoopback);

    private static void Configure(JwtBearerOptions jwt, CoPLiveAuthOptions auth, bool development)
    {
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = auth.Issuer,
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = ClaimNames.Name,
            RoleClaimType = ClaimNames.Role,
        };
        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            // The issuer is the one the authority's metadata names (JwtBearer adds it), not the symmetric default.
            jwt.Authority = auth.Authority;
            jwt.RequireHttpsMetadata = RequiresHttpsMetadata(auth, development);
            jwt.TokenValidationParameters.ValidIssuer = null;
        }
        else
        {
            jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey!));
        }

        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                var path = context.HttpContext.Request.Path;
                if (string.IsNullOrEmpty(context.Token) && QueryTokenPaths.Any(p => path.StartsWithSegments(p, StringComparison.Ordinal)))
                {
                    var query = context.Request.Query;
                    var token = query["access_token"].FirstOrDefault() ?? query["token"].FirstOrDefault();
                    if (!string.IsNullOrEmpty(token))
                    {
                        context.Token = token;
                    }
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity)
                {
                    UseConfiguredClaim(identity, auth.NameClaim, ClaimNames.Name);
                    UseConfiguredClaim(identity, auth.OrganizationClaim, ClaimNames.Organization);
                    if (!string.IsNullOrWhiteSpace(auth.Authority) && context.SecurityToken is { Issuer: { Length: > 0 } issuer })
                    {
                        ProviderClaims.Normalize(identity, issuer);
                    }
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var message = context.AuthenticateFailure is null
                    ? "A bearer token is required."
                    : "The bearer token is invalid or expired.";
                await ApiErrors.WriteAsync(context.Response, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, message, context.HttpContext.RequestAborted);
            },
        };
    }

    /// <summary>When the provider names a claim differently, its value becomes the claim CoPLive reads (and only it).</summary>
    private static void UseConfiguredClaim(ClaimsIdentity identity, string configured, string name)
    {
        if (string.Equals(configured, name, StringComparison.Ordinal))
        {
            return;
        }

        foreach (var claim in identity.FindAll(name).ToArray())
        {
            identity.RemoveClaim(claim);
        }

        var value = identity.FindFirst(configured)?.Value;
        if (value is not null)
        {
            identity.AddClaim(new Claim(name, value));
        }
    }
}
