namespace CoPLive.Communities;

/// <summary>The durable state of <see cref="CommunityGrain"/>.</summary>
[GenerateSerializer, Alias("CoPLive.CommunityState")]
public sealed class CommunityState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string Domain { get; set; } = "";
    [Id(3)] public string? Description { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public List<AdmissionState> Organizations { get; set; } = [];
    [Id(6)] public Dictionary<string, CommunityMemberState> Members { get; set; } = new(StringComparer.Ordinal);
    [Id(7)] public JoinPolicy JoinPolicy { get; set; }
    [Id(8)] public Dictionary<string, Invitation> Invitations { get; set; } = new(StringComparer.Ordinal);
    [Id(9)] public Dictionary<string, JoinRequest> JoinRequests { get; set; } = new(StringComparer.Ordinal);
    [Id(10)] public List<AuditEntry> Audit { get; set; } = [];
    [Id(11)] public List<string> Meetups { get; set; } = [];
    [Id(12)] public List<string> Threads { get; set; } = [];
    [Id(13)] public List<string> Documents { get; set; } = [];
}
