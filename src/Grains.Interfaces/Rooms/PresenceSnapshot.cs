using System.Collections.Immutable;

namespace CoPLive.Rooms;

/// <summary>Who is in a room now, as of sequence number <see cref="Seq"/> of epoch <see cref="Epoch"/>, as one viewer may see it.</summary>
/// <param name="Members">The first page of the roster the viewer may see, ordered by display name.</param>
/// <param name="RosterComplete">False when there are more visible members than <paramref name="Members"/> holds: ask for roster pages.</param>
/// <param name="Large">Whether the room is large: presence then comes as presence-counts events, not member by member.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.PresenceSnapshot")]
public sealed record PresenceSnapshot(
    [property: Id(0)] string Room,
    [property: Id(1)] string Epoch,
    [property: Id(2)] long Seq,
    [property: Id(3)] ImmutableArray<PresentMember> Members,
    [property: Id(4)] ImmutableDictionary<string, int> CountsByOrganization,
    [property: Id(5)] bool RosterComplete,
    [property: Id(6)] bool Large);
