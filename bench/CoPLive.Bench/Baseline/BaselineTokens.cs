using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CoPLive.Bench.Baseline;

/// <summary>
/// The baseline's identity: JWT bearer tokens with the same claims (sub, name, org), algorithm and validation as
/// the gateway's development sign-in, so that both servers hold an authenticated user per connection.
/// </summary>
internal static class BaselineTokens
{
    public const string Issuer = "coplive-bench-baseline";
    public const string Audience = "coplive-bench-baseline";

    // A fixed key: the baseline server and the bench are the same executable on loopback.
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("coplive-bench-baseline-signing-key-of-32-bytes-or-more"));

    public static TokenValidationParameters Validation() => new()
    {
        ValidateIssuer = true,
        ValidIssuer = Issuer,
        ValidateAudience = true,
        ValidAudience = Audience,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "name",
        IssuerSigningKey = Key,
    };

    public static string Issue(string userId, string displayName, string organizationId)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("name", displayName), new Claim("org", organizationId)]),
            NotBefore = now,
            IssuedAt = now,
            Expires = now.AddHours(12),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
