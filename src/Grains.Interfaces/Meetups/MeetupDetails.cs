using System.Collections.Immutable;

namespace CoPLive.Meetups;

/// <summary>A meetup: its plan, phase, host, stage and linked documents.</summary>
/// <param name="Speakers">Who is on stage besides the host.</param>
/// <param name="SummaryThreadId">The thread that summarises the meetup, made when it ended.</param>
/// <param name="Links">Linked documents by role ("whiteboard", "notes"), whatever kind of item they are.</param>
/// <param name="StageOnly">Link roles whose document only the host and speakers may change.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.MeetupDetails")]
public sealed record MeetupDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string CommunityId,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Agenda,
    [property: Id(4)] DateTimeOffset StartsAt,
    [property: Id(5)] DateTimeOffset EndsAt,
    [property: Id(6)] Communities.Audience? Audience,
    [property: Id(7)] MeetupPhase Phase,
    [property: Id(8)] string HostUserId,
    [property: Id(9)] ImmutableArray<string> Speakers,
    [property: Id(10)] ImmutableDictionary<string, string> Links,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(13)] ImmutableArray<string> StageOnly,
    [property: Id(12)] string? SummaryThreadId = null);
