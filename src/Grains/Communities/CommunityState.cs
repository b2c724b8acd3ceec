namespace CoPLive.Communities;

/// <summary>The durable header of <see cref="CommunityGrain"/>; its members and audit log have rows of their own.</summary>
[GenerateSerializer, Alias("CoPLive.CommunityState")]
public sealed class CommunityState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string Domain { get; set; } = "";
    [Id(3)] public string? Description { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public List<AdmissionState> Organizations { get; set; } = [];

    /// <summary>Members, in a header stored before they had rows of their own (<see cref="CommunityGrain.MemberRows"/>); emptied on activation.</summary>
    [Id(6)] public Dictionary<string, CommunityMemberState> Members { get; set; } = new(StringComparer.Ordinal);
    [Id(7)] public JoinPolicy JoinPolicy { get; set; }
    [Id(8)] public Dictionary<string, Invitation> Invitations { get; set; } = new(StringComparer.Ordinal);
    [Id(9)] public Dictionary<string, JoinRequest> JoinRequests { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The audit log, in a header stored before it had pages of its own (<see cref="PagedLog{T}"/>); emptied on activation.</summary>
    [Id(10)] public List<AuditEntry> Audit { get; set; } = [];
    [Id(11)] public List<string> Meetups { get; set; } = [];
    [Id(12)] public List<string> Threads { get; set; } = [];
    [Id(13)] public List<string> Documents { get; set; } = [];
}
