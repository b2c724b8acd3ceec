namespace CoPLive.Communities;

/// <summary>Where a viewer stands with a community.</summary>
[GenerateSerializer, Alias("CoPLive.MembershipStatus")]
public enum MembershipStatus
{
    /// <summary>Not a member, not invited, no request pending.</summary>
    None = 0,

    /// <summary>Invited: joining succeeds whatever the join policy.</summary>
    Invited = 1,

    /// <summary>Asked to join; waiting for approval.</summary>
    Requested = 2,

    /// <summary>A member (see the role).</summary>
    Member = 3,
}
