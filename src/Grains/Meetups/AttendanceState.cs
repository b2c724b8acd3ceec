namespace CoPLive.Meetups;

/// <summary>One stay of a member inside <see cref="MeetupState"/>.</summary>
[GenerateSerializer, Alias("CoPLive.AttendanceState")]
public sealed class AttendanceState
{
    [Id(0)] public required string UserId { get; set; }
    [Id(1)] public required string OrganizationId { get; set; }
    [Id(2)] public DateTimeOffset JoinedAt { get; set; }
    [Id(3)] public DateTimeOffset? LeftAt { get; set; }

    public AttendanceRecord ToContract() => new(UserId, OrganizationId, JoinedAt, LeftAt);
}
