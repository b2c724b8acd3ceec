using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CoPLive.Gateway.Tests;

/// <summary>Hand-made tokens, for testing how the gateway validates them.</summary>
public static class Tokens
{
    /// <summary>The development signing key of appsettings.Development.json.</summary>
    public const string DevelopmentKey = "coplive-development-only-signing-key-never-use-in-production";

    public const string DevelopmentIssuer = "coplive-development";

    public static string Make(
        string key = DevelopmentKey,
        string issuer = DevelopmentIssuer,
        string audience = "coplive",
        DateTime? expires = null,
        IEnumerable<Claim>? claims = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims ?? [new Claim("sub", "someone"), new Claim("name", "Someone"), new Claim("org", "northwind")]),
            NotBefore = expiry.AddHours(-2),
            IssuedAt = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
