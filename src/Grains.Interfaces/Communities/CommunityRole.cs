namespace CoPLive.Communities;

/// <summary>A member's role in a community.</summary>
[GenerateSerializer, Alias("CoPLive.CommunityRole")]
public enum CommunityRole
{
    /// <summary>Reads and reacts, never authors.</summary>
    Guest = 0,

    /// <summary>Takes part and authors.</summary>
    Member = 1,

    /// <summary>Moderates content.</summary>
    Moderator = 2,

    /// <summary>Leads the community: admits organizations, changes roles.</summary>
    Coordinator = 3,
}
