namespace CoPLive.Activity;

/// <summary>One meetup inside <see cref="ActivityState"/>: each member's first arrival, who spoke, the audience questions.</summary>
[GenerateSerializer, Alias("CoPLive.MeetupActivityState")]
public sealed class MeetupActivityState
{
    [Id(0)] public Dictionary<string, ContributionState> Attendees { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, ContributionState> Speakers { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, MeetupQuestionActivityState> Questions { get; set; } = new(StringComparer.Ordinal);
}
