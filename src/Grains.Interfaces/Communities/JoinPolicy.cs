namespace CoPLive.Communities;

/// <summary>How members of admitted organizations join a community.</summary>
[GenerateSerializer, Alias("CoPLive.JoinPolicy")]
public enum JoinPolicy
{
    /// <summary>Any member of an admitted organization joins at once (the default).</summary>
    Open = 0,

    /// <summary>Joining makes a request that a coordinator or moderator approves or refuses.</summary>
    Approval = 1,

    /// <summary>Only invited members join.</summary>
    Invitation = 2,
}
