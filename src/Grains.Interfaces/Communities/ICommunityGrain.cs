using System.Collections.Immutable;
using CoPLive.Identity;
using CoPLive.Rooms;
using Orleans.Concurrency;

namespace CoPLive.Communities;

/// <summary>
/// A community of practice; keyed by the community id. It owns its membership and answers every
/// "may this member see or do this" question about itself. Every change of admission, membership, role
/// or policy is written to its audit log, and revocations reach live sessions through the room's presence.
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

    /// <summary>A coordinator admits an organization, whose members may then join; its presence policy here defaults to named.</summary>
    [Alias("AdmitOrganization")]
    Task<CommunityDetails> AdmitOrganizationAsync(MemberIdentity caller, string organizationId, PresencePolicy presence);

    /// <summary>
    /// A coordinator withdraws an organization's admission: its members stop being members, leave every live
    /// room of the community at once, and its invitations and requests lapse. A sponsoring organization cannot be withdrawn.
    /// </summary>
    [Alias("WithdrawOrganization")]
    Task<CommunityDetails> WithdrawOrganizationAsync(MemberIdentity caller, string organizationId);

    /// <summary>A coordinator sets how an admitted organization's members appear to other organizations.</summary>
    [Alias("SetPresencePolicy")]
    Task<CommunityDetails> SetPresencePolicyAsync(MemberIdentity caller, string organizationId, PresencePolicy presence);

    /// <summary>A coordinator sets how people join.</summary>
    [Alias("SetJoinPolicy")]
    Task<CommunityDetails> SetJoinPolicyAsync(MemberIdentity caller, JoinPolicy policy);

    /// <summary>
    /// Joins: at once if the policy is open or the caller is invited, as a request under the approval policy;
    /// refused (forbidden) under the invitation policy without an invitation. Joining again changes nothing.
    /// </summary>
    [Alias("Join")]
    Task<JoinResult> JoinAsync(MemberIdentity caller);

    /// <summary>Leaves the community (always possible, except for its last coordinator while others remain).</summary>
    [Alias("Leave")]
    Task LeaveAsync(MemberIdentity caller);

    /// <summary>A coordinator or moderator invites one person of an admitted organization.</summary>
    [Alias("Invite")]
    Task<Invitation> InviteAsync(MemberIdentity caller, string userId, string organizationId);

    /// <summary>The invited person declines their invitation.</summary>
    [Alias("DeclineInvitation")]
    Task DeclineInvitationAsync(MemberIdentity caller);

    /// <summary>Pending invitations, for coordinators and moderators.</summary>
    [Alias("ListInvitations")]
    Task<ImmutableArray<Invitation>> ListInvitationsAsync(MemberIdentity caller);

    /// <summary>Pending join requests, for coordinators and moderators.</summary>
    [Alias("ListJoinRequests")]
    Task<ImmutableArray<JoinRequest>> ListJoinRequestsAsync(MemberIdentity caller);

    /// <summary>A coordinator or moderator approves a pending request: the requester becomes a member.</summary>
    [Alias("ApproveJoinRequest")]
    Task<CommunityMember> ApproveJoinRequestAsync(MemberIdentity caller, string userId);

    /// <summary>A coordinator or moderator refuses a pending request.</summary>
    [Alias("RefuseJoinRequest")]
    Task RefuseJoinRequestAsync(MemberIdentity caller, string userId);

    /// <summary>A coordinator changes a member's role; the community always keeps at least one coordinator.</summary>
    [Alias("ChangeRole")]
    Task<CommunityMember> ChangeRoleAsync(MemberIdentity caller, string userId, CommunityRole role);

    /// <summary>A coordinator removes a member, who leaves every live room of the community at once.</summary>
    [Alias("RemoveMember")]
    Task RemoveMemberAsync(MemberIdentity caller, string userId);

    /// <summary>The member directory, for members, in joining order: all of it, or what the query asks for.</summary>
    [Alias("ListMembers")]
    Task<Common.Page<CommunityMember>> ListMembersAsync(MemberIdentity viewer, MemberQuery query);

    /// <summary>The audit log, or one page of it, oldest or newest first, for coordinators; reads only the storage pages that hold the page.</summary>
    [Alias("ListAudit")]
    Task<Common.Page<AuditEntry>> ListAuditAsync(MemberIdentity caller, AuditQuery query);

    /// <summary>
    /// The member's role and the community's room rules, for the grains of the community's items; forbidden
    /// or not-found unless <paramref name="member"/> is a member. Read-only: it changes nothing and awaits
    /// nothing, so calls may interleave with each other (bursts of reactions ask it).
    /// </summary>
    [ReadOnly, Alias("GetMemberAccess")]
    Task<MemberAccess> GetMemberAccessAsync(MemberIdentity member);

    /// <summary>
    /// Records in the audit log that an item of the community (<paramref name="item"/>: "meetup:{id}", "thread:{id}",
    /// "document:{id}") was given <paramref name="audience"/> (null: the whole community). Called by the item's grain.
    /// </summary>
    [Alias("RecordAudience")]
    Task RecordAudienceAsync(MemberIdentity caller, string item, Audience? audience);

    /// <summary>Records a meetup of the community (called by the meetup when it is scheduled); guests may not schedule.</summary>
    [Alias("AddMeetup")]
    Task AddMeetupAsync(MemberIdentity caller, string meetupId);

    /// <summary>The ids of the community's meetups, for members (each meetup decides whether the viewer may see it).</summary>
    [Alias("ListMeetupIds")]
    Task<ImmutableArray<string>> ListMeetupIdsAsync(MemberIdentity viewer);

    /// <summary>Records a thread of the community (called by the thread when it starts); guests may not start threads.</summary>
    [Alias("AddThread")]
    Task AddThreadAsync(MemberIdentity caller, string threadId);

    /// <summary>The ids of the community's threads, for members (each thread decides whether the viewer may see it).</summary>
    [Alias("ListThreadIds")]
    Task<ImmutableArray<string>> ListThreadIdsAsync(MemberIdentity viewer);

    /// <summary>
    /// A member by user id, or null if <paramref name="userId"/> is not a member; for the community's item grains
    /// (a mention names a user id). Read-only: it changes nothing and awaits nothing.
    /// </summary>
    [ReadOnly, Alias("FindMember")]
    Task<CommunityMember?> FindMemberAsync(string userId);
    /// <summary>Records a document of the community (called by the document when it is created); guests may not create.</summary>
    [Alias("AddDocument")]
    Task AddDocumentAsync(MemberIdentity caller, string documentId);

    /// <summary>
    /// The ids of every thread, meetup and document, with no viewer and whatever their audience (empty if the community
    /// does not exist). For the community's analytics rebuild only: it reads their stored activity, never shows them.
    /// </summary>
    [Alias("ListContentIds")]
    Task<CommunityContentIds> ListContentIdsAsync();

    /// <summary>
    /// Checks that <paramref name="member"/> may be in the community's live room and returns what the room's
    /// presence must know; throws forbidden or not-found otherwise.
    /// </summary>
    [Alias("AuthorizeRoomEntry")]
    Task<RoomAccess> AuthorizeRoomEntryAsync(MemberIdentity member);
}
