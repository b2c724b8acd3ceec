using System.Collections.Immutable;
using CoPLive.Identity;

namespace CoPLive.Communities;

/// <summary>
/// A community of practice; keyed by the community id. It owns its membership and answers every
/// "may this member see or do this" question about itself.
/// </summary>
[Alias("CoPLive.ICommunityGrain")]
public interface ICommunityGrain : IGrainWithStringKey
{
    /// <summary>Creates the community: the creator becomes coordinator, their organization admitted and sponsoring.</summary>
    [Alias("Create")]
    Task<CommunityDetails> CreateAsync(NewCommunity community, MemberIdentity creator);

    /// <summary>The community as <paramref name="viewer"/> may see it; not-found if it does not exist or does not admit the viewer's organization.</summary>
    [Alias("Get")]
    Task<CommunityDetails> GetAsync(MemberIdentity viewer);

    /// <summary>The community for a discovery list, or null if <paramref name="viewer"/> may not discover it.</summary>
    [Alias("TryGetVisible")]
    Task<CommunityDetails?> TryGetVisibleAsync(MemberIdentity viewer);

    /// <summary>A coordinator admits an organization, whose members may then join.</summary>
    [Alias("AdmitOrganization")]
    Task<CommunityDetails> AdmitOrganizationAsync(MemberIdentity caller, string organizationId);

    /// <summary>A member of an admitted organization joins (again: nothing changes). Returns the membership.</summary>
    [Alias("Join")]
    Task<CommunityMember> JoinAsync(MemberIdentity caller);

    /// <summary>The member directory, for members of the community.</summary>
    [Alias("ListMembers")]
    Task<ImmutableArray<CommunityMember>> ListMembersAsync(MemberIdentity viewer);

    /// <summary>Checks that <paramref name="member"/> may be in the community's live room; throws forbidden or not-found otherwise.</summary>
    [Alias("AuthorizeRoomEntry")]
    Task AuthorizeRoomEntryAsync(MemberIdentity member);
}
