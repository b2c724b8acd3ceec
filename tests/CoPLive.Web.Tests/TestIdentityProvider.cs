using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CoPLive.Web.Tests;

/// <summary>
/// A small, real OpenID Connect provider on loopback for the sign-in tests: discovery, a JWKS with an RSA key, an
/// authorize page with a form (user, name, organization; Sign in or Deny) that redirects with a one-time code, a
/// token endpoint that checks the PKCE verifier (S256) and issues RS256 JWTs (an access token for
/// <see cref="ApiAudience"/>, an id token for the client with the nonce), and an end-session endpoint.
/// One public client is registered: <see cref="ClientId"/> with the redirect URIs given at start.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "coplive-web";
    public const string ApiAudience = "coplive";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;
    private readonly IReadOnlySet<string> _redirectUris;
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);

    private TestIdentityProvider(WebApplication app, RsaSecurityKey key, IReadOnlySet<string> redirectUris)
    {
        _app = app;
        _key = key;
        _redirectUris = redirectUris;
    }

    /// <summary>The issuer (and authority): http://127.0.0.1:{port}, no trailing slash.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>Starts the provider on a free loopback port, accepting these redirect URIs for the client.</summary>
    public static async Task<TestIdentityProvider> StartAsync(params string[] redirectUris)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-" + Guid.NewGuid().ToString("n")[..8] };
        var provider = new TestIdentityProvider(app, key, redirectUris.ToHashSet(StringComparer.Ordinal));
        provider.Map();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/');
        return provider;
    }

    /// <summary>A token signed by this provider, as its token endpoint issues them (for tests of what the gateway accepts).</summary>
    public string Issue(string subject, string name, string organization, string audience, string? nonce = null, string? role = null)
    {
        var claims = new List<Claim> { new("sub", subject), new("name", name), new("org", organization) };
        if (nonce is not null)
        {
            claims.Add(new Claim("nonce", nonce));
        }

        if (role is not null)
        {
            claims.Add(new Claim("role", role));
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now,
            IssuedAt = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>base64url(SHA-256(verifier)): the S256 code challenge.</summary>
    public static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            // A browser app on another origin reads discovery, keys and tokens: CORS as real providers allow it.
            context.Response.Headers.AccessControlAllowOrigin = "*";
            await next(context);
        });
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["end_session_endpoint"] = Issuer + "/logout",
            ["response_types_supported"] = new[] { "code" },
            ["grant_types_supported"] = new[] { "authorization_code" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", AuthorizePage);
        _app.MapPost("/authorize", AuthorizeAsync);
        _app.MapPost("/token", TokenAsync);
        _app.MapGet("/logout", (HttpRequest request) =>
        {
            var back = request.Query["post_logout_redirect_uri"].ToString();
            return _redirectUris.Contains(back)
                ? Results.Redirect(back)
                : Results.Content("<!doctype html><title>Signed out</title><h1>Signed out</h1>", "text/html");
        });
    }

    private IResult AuthorizePage(HttpRequest request)
    {
        var query = request.Query;
        var problem = Refusal(query["response_type"], query["client_id"], query["redirect_uri"], query["code_challenge"], query["code_challenge_method"]);
        if (problem is not null)
        {
            return Results.Content($"<!doctype html><title>Refused</title><h1>Refused</h1><p>{WebUtility.HtmlEncode(problem)}</p>", "text/html", statusCode: 400);
        }

        string Hidden(string name) => $"<input type=hidden name={name} value=\"{WebUtility.HtmlEncode(query[name].ToString())}\">";
        var html = $"""
            <!doctype html><html lang=en><head><meta charset=utf-8><title>Test provider</title></head><body>
            <h1>Test provider sign-in</h1>
            <form method=post action="/authorize">
            {Hidden("client_id")}{Hidden("redirect_uri")}{Hidden("state")}{Hidden("nonce")}{Hidden("code_challenge")}{Hidden("scope")}
            <label>User <input name=user required></label>
            <label>Full name <input name=name required></label>
            <label>Organization <input name=org required></label>
            <button type=submit name=decision value=allow>Allow</button>
            <button type=submit name=decision value=deny formnovalidate>Deny</button>
            </form></body></html>
            """;
        return Results.Content(html, "text/html");
    }

    private async Task<IResult> AuthorizeAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var redirectUri = form["redirect_uri"].ToString();
        var problem = Refusal("code", form["client_id"], redirectUri, form["code_challenge"], "S256");
        if (problem is not null)
        {
            return Results.BadRequest(problem);
        }

        var state = Uri.EscapeDataString(form["state"].ToString());
        var separator = redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        if (form["decision"] != "allow")
        {
            return Results.Redirect($"{redirectUri}{separator}error=access_denied&error_description={Uri.EscapeDataString("The user denied the request.")}&state={state}");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new Grant(redirectUri, form["code_challenge"].ToString(), form["nonce"].ToString(), form["user"].ToString(), form["name"].ToString(), form["org"].ToString());
        return Results.Redirect($"{redirectUri}{separator}code={code}&state={state}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return TokenError("invalid_request", "The token request must be a form.");
        }

        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code")
        {
            return TokenError("unsupported_grant_type", "Only authorization_code is supported.");
        }

        if (form["client_id"] != ClientId)
        {
            return TokenError("invalid_client", "Unknown client.");
        }

        // A code is used once, whatever the outcome.
        if (!_codes.TryRemove(form["code"].ToString(), out var grant))
        {
            return TokenError("invalid_grant", "Unknown or used code.");
        }

        if (form["redirect_uri"] != grant.RedirectUri)
        {
            return TokenError("invalid_grant", "The redirect_uri differs from the authorization request's.");
        }

        var verifier = form["code_verifier"].ToString();
        if (verifier.Length < 43 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Challenge(verifier)), Encoding.ASCII.GetBytes(grant.Challenge)))
        {
            return TokenError("invalid_grant", "The code_verifier does not match the code_challenge.");
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = Issue(grant.User, grant.Name, grant.Organization, ApiAudience),
            ["id_token"] = Issue(grant.User, grant.Name, grant.Organization, ClientId, grant.Nonce),
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
        });
    }

    private string? Refusal(string? responseType, string? clientId, string? redirectUri, string? challenge, string? method)
    {
        if (responseType != "code")
        {
            return "response_type must be code.";
        }

        if (clientId != ClientId)
        {
            return "Unknown client_id.";
        }

        if (redirectUri is null || !_redirectUris.Contains(redirectUri))
        {
            return "The redirect_uri is not registered for this client.";
        }

        return string.IsNullOrEmpty(challenge) || method != "S256" ? "PKCE with S256 is required." : null;
    }

    private static IResult TokenError(string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: StatusCodes.Status400BadRequest);

    private sealed record Grant(string RedirectUri, string Challenge, string Nonce, string User, string Name, string Organization);
}
