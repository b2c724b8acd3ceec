namespace CoPLive.Meetups;

/// <summary>One stay of a member in a meetup: when they came and (once they did) left.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.AttendanceRecord")]
public sealed record AttendanceRecord(
    [property: Id(0)] string UserId,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] DateTimeOffset JoinedAt,
    [property: Id(3)] DateTimeOffset? LeftAt);
