using System.Collections.Immutable;

namespace CoPLive.Analytics;

/// <summary>Meetups in the window: totals over every meetup, rows for those the viewer may see, and per organization.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MeetupAnalytics")]
public sealed record MeetupAnalytics(
    [property: Id(0)] int Meetups,
    [property: Id(1)] int Attendances,
    [property: Id(2)] int FirstTime,
    [property: Id(3)] int Returning,
    [property: Id(4)] int QuestionsAsked,
    [property: Id(5)] int QuestionsAnswered,
    [property: Id(6)] ImmutableArray<MeetupAttendance> PerMeetup,
    [property: Id(7)] ImmutableArray<OrganizationAttendance> ByOrganization);
