namespace CoPLive.Activity;

/// <summary>Who did something inside <see cref="ActivityState"/>, and when: an answer, an arrival, a talk.</summary>
[GenerateSerializer, Alias("CoPLive.ContributionState")]
public sealed class ContributionState
{
    /// <summary>What it was: a post id for answers; empty otherwise.</summary>
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string UserId { get; set; } = "";
    [Id(2)] public string OrganizationId { get; set; } = "";
    [Id(3)] public DateTimeOffset At { get; set; }
}
