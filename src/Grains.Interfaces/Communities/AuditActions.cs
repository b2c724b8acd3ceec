namespace CoPLive.Communities;

/// <summary>The actions the audit log records (documented in docs/protocol.md).</summary>
public static class AuditActions
{
    public const string CommunityCreated = "community-created";
    public const string OrganizationAdmitted = "organization-admitted";
    public const string OrganizationWithdrawn = "organization-withdrawn";
    public const string PresencePolicyChanged = "presence-policy-changed";
    public const string JoinPolicyChanged = "join-policy-changed";
    public const string MemberJoined = "member-joined";
    public const string MemberLeft = "member-left";
    public const string MemberRemoved = "member-removed";
    public const string RoleChanged = "role-changed";
    public const string MemberInvited = "member-invited";
    public const string InvitationDeclined = "invitation-declined";
    public const string JoinRequested = "join-requested";
    public const string RequestApproved = "request-approved";
    public const string RequestRefused = "request-refused";

    /// <summary>An item (meetup, thread, document) was given an audience, or its audience changed; the subject is "{kind}:{id}".</summary>
    public const string AudienceSet = "audience-set";
}
