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
            .Configure<IOptions<CoPLiveAuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));
        services.AddAuthorization();
        return services;
    }

    private static void Configure(JwtBearerOptions jwt, CoPLiveAuthOptions auth)
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
            jwt.Authority = auth.Authority;
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
}
