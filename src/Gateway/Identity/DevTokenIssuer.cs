using System.Security.Claims;
using System.Text;
using CoPLive.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CoPLive.Gateway.Identity;

/// <summary>Mints tokens for the development sign-in (registered only in development mode).</summary>
public sealed class DevTokenIssuer(IOptions<CoPLiveAuthOptions> options, TimeProvider time)
{
    public string Issue(MemberIdentity member)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(
            [
                new Claim(ClaimNames.Subject, member.UserId),
                new Claim(ClaimNames.Name, member.DisplayName),
                new Claim(ClaimNames.Organization, member.OrganizationId),
            ]),
            NotBefore = now,
            IssuedAt = now,
            Expires = now + settings.DevTokenLifetime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey!)),
                SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
