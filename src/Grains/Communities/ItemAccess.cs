using CoPLive.Common;
using CoPLive.Identity;

namespace CoPLive.Communities;

/// <summary>
/// The access rules every content item of a community (meetup, thread, ...) shares: who may take part (a member
/// of the community and in the item's audience; anyone else learns nothing), and what a valid audience is.
/// </summary>
public static class ItemAccess
{
    /// <summary>
    /// The member's access if they may take part in the item: a member of the community, and in
    /// <paramref name="audience"/> (null: the whole community). Not-found otherwise, named as the item, so an
    /// outsider cannot tell a hidden item from a missing one.
    /// </summary>
    public static async Task<MemberAccess> RequireParticipantAsync(ICommunityGrain community, List<string>? audience, MemberIdentity member, string what, string itemId)
    {
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(member);
        MemberAccess access;
        try
        {
            access = await community.GetMemberAccessAsync(member);
        }
        catch (CoPLiveException refusal) when (refusal.Code == ErrorCodes.NotFound)
        {
            throw CoPLiveException.NotFound(what, itemId);
        }

        if (audience is not null && !audience.Contains(member.OrganizationId))
        {
            throw CoPLiveException.NotFound(what, itemId);
        }

        return access;
    }

    /// <summary>
    /// The organizations both audiences let read (null for both: the whole community): what an item's list may show
    /// while the item changes from <paramref name="current"/> to <paramref name="next"/>, handed to the list before the
    /// item stores the change, so that a failure between the two never shows the item to an organization that may not read it.
    /// </summary>
    public static List<string>? SharedAudience(List<string>? current, List<string>? next) =>
        current is null ? next : next is null ? current : [.. current.Intersect(next, StringComparer.Ordinal)];

    /// <summary>Checks an audience: at least one organization, each admitted to the community; null stays null (the whole community).</summary>
    public static async Task<List<string>?> ValidateAudienceAsync(ICommunityGrain community, MemberIdentity caller, Audience? audience)
    {
        ArgumentNullException.ThrowIfNull(community);
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
