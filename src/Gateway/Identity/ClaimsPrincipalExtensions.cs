using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Identity;

namespace CoPLive.Gateway.Identity;

/// <summary>Reads the caller's identity from a validated token.</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>The member the token names; unauthorized if a required claim is missing or malformed.</summary>
    public static MemberIdentity ToMemberIdentity(this ClaimsPrincipal principal)
    {
        var userId = principal.FindFirst(ClaimNames.Subject)?.Value;
        var name = principal.FindFirst(ClaimNames.Name)?.Value;
        var organization = principal.FindFirst(ClaimNames.Organization)?.Value;
        if (!CoPLiveIds.IsValid(userId) || !CoPLiveIds.IsValid(organization) || string.IsNullOrWhiteSpace(name))
        {
            throw new CoPLiveException(
                ErrorCodes.Unauthorized,
                "The token must carry 'sub' and 'org' claims that are valid ids, and a 'name'.");
        }

        return new MemberIdentity(userId!, name!.Length > Limits.NameLength ? name[..Limits.NameLength] : name, organization!);
    }

    public static bool IsPlatformOperator(this ClaimsPrincipal principal) =>
        principal.HasClaim(ClaimNames.Role, ClaimNames.PlatformOperator);
}
