using CoPLive.Common;
using CoPLive.Identity;

namespace CoPLive.Communities;

/// <summary>The rules every content item's audience follows (meetups, documents).</summary>
public static class AudienceRules
{
    /// <summary>
    /// Checks an audience: at least one organization, each admitted to the community. Returns the organizations, each
    /// once, or null for the whole community.
    /// </summary>
    public static async Task<List<string>?> ValidateAsync(ICommunityGrain community, MemberIdentity caller, Audience? audience)
    {
        if (audience is null)
        {
            return null;
        }

        if (audience.Organizations.IsDefaultOrEmpty)
        {
            throw CoPLiveException.Invalid("An audience names at least one organization; leave it out for the whole community.");
        }

        var admitted = (await community.GetAsync(caller)).AdmittedOrganizations;
        foreach (var organizationId in audience.Organizations)
        {
            CoPLiveIds.Require(organizationId, "organization");
            if (!admitted.Contains(organizationId))
            {
                throw CoPLiveException.Conflict($"Organization '{organizationId}' is not admitted to the community.");
            }
        }

        return [.. audience.Organizations.Distinct(StringComparer.Ordinal)];
    }
}
