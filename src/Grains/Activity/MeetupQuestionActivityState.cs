namespace CoPLive.Activity;

/// <summary>An audience question inside <see cref="MeetupActivityState"/>.</summary>
[GenerateSerializer, Alias("CoPLive.MeetupQuestionActivityState")]
public sealed class MeetupQuestionActivityState
{
    [Id(0)] public string UserId { get; set; } = "";
    [Id(1)] public string OrganizationId { get; set; } = "";
    [Id(2)] public DateTimeOffset AskedAt { get; set; }
    [Id(3)] public DateTimeOffset? AnsweredAt { get; set; }
}
