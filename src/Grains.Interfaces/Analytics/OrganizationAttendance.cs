namespace CoPLive.Analytics;

/// <summary>One organization at the community's meetups in the window: attendances (one per member per meetup), distinct attendees, talks given.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.OrganizationAttendance")]
public sealed record OrganizationAttendance(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] int Attendances,
    [property: Id(2)] int Attendees,
    [property: Id(3)] int Talks);
