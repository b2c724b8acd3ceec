using System.Collections.Immutable;

namespace CoPLive.Rooms;

/// <summary>
/// The presence of a large room after a tick: counts per organization and in all, without names (ask for
/// roster pages instead). Sent in place of member-entered and member-left once a room is large.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PresenceCounts")]
public sealed record PresenceCounts(
    long Seq,
    [property: Id(0)] ImmutableDictionary<string, int> CountsByOrganization,
    [property: Id(1)] int Total)
    : RoomEvent(Seq);
