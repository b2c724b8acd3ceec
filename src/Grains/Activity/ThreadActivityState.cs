namespace CoPLive.Activity;

/// <summary>One thread inside <see cref="ActivityState"/>; the answers and the accepted answer only for a question.</summary>
[GenerateSerializer, Alias("CoPLive.ThreadActivityState")]
public sealed class ThreadActivityState
{
    [Id(0)] public bool Question { get; set; }
    [Id(1)] public string AskerUserId { get; set; } = "";
    [Id(2)] public string AskerOrganizationId { get; set; } = "";
    [Id(3)] public DateTimeOffset AskedAt { get; set; }

    /// <summary>The highest post number applied: a post event at or below it was already counted.</summary>
    [Id(4)] public int LastPostNumber { get; set; }

    /// <summary>Posts by anyone but the asker, in order.</summary>
    [Id(5)] public List<ContributionState> Answers { get; set; } = [];

    /// <summary>The current accepted answer (its post id in <see cref="ContributionState.Id"/>), or null.</summary>
    [Id(6)] public ContributionState? Accepted { get; set; }
}
