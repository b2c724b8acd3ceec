using System.Collections.Immutable;

namespace CoPLive.Rooms;

/// <summary>Who is in a room now, as of sequence number <see cref="Seq"/> of epoch <see cref="Epoch"/>.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PresenceSnapshot")]
public sealed record PresenceSnapshot(
    [property: Id(0)] string Room,
    [property: Id(1)] string Epoch,
    [property: Id(2)] long Seq,
    [property: Id(3)] ImmutableArray<PresentMember> Members,
    [property: Id(4)] ImmutableDictionary<string, int> CountsByOrganization);
