using System.Collections.Immutable;

namespace CoPLive.Analytics;

/// <summary>
/// One meetup the viewer may see, with arrivals in the window: attendees (first-time in the community, or
/// returning), per organization, and the audience questions asked and answered live.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.MeetupAttendance")]
public sealed record MeetupAttendance(
    [property: Id(0)] string MeetupId,
    [property: Id(1)] string Title,
    [property: Id(2)] int Attendees,
    [property: Id(3)] int FirstTime,
    [property: Id(4)] int Returning,
    [property: Id(5)] ImmutableDictionary<string, int> ByOrganization,
    [property: Id(6)] int QuestionsAsked,
    [property: Id(7)] int QuestionsAnswered,
    [property: Id(8)] int Speakers);
