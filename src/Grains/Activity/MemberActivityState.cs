namespace CoPLive.Activity;

/// <summary>One member inside <see cref="ActivityState"/>: their organization (as last seen) and thread posts per UTC day.</summary>
[GenerateSerializer, Alias("CoPLive.MemberActivityState")]
public sealed class MemberActivityState
{
    [Id(0)] public string OrganizationId { get; set; } = "";
    [Id(1)] public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>Threads started, posts and replies, by UTC day number (days since 0001-01-01).</summary>
    [Id(2)] public Dictionary<int, int> PostsByDay { get; set; } = [];
}
