using CoPLive.Identity;

namespace CoPLive.Rooms;

/// <summary>One client connection in a room, and the gateway node that holds it.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.RoomConnection")]
public sealed record RoomConnection(
    [property: Id(0)] string ConnectionId,
    [property: Id(1)] string GatewayNodeId,
    [property: Id(2)] MemberIdentity Member);
