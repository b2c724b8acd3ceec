using System.Collections.Immutable;

namespace CoPLive.Rooms;

/// <summary>
/// What the owner of a room tells its presence when admitting someone: which organizations are only counted
/// for viewers from other organizations.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.RoomAccess")]
public sealed record RoomAccess([property: Id(0)] ImmutableHashSet<string> CountedOrganizations)
{
    public static RoomAccess Open { get; } = new(ImmutableHashSet<string>.Empty);
}
