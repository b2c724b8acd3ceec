namespace CoPLive.Meetups;

/// <summary>
/// A member came into the meetup's room, or left it (<see cref="Left"/>): one entry of the meetup's attendance log
/// (state name <see cref="StorageNames.MeetupAttendancePage"/>), from which the stays are folded.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.AttendanceEvent")]
public sealed record AttendanceEvent(
    [property: Id(0)] string UserId,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] bool Left);
