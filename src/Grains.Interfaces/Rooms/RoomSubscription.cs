namespace CoPLive.Rooms;

/// <summary>
/// A gateway node's renewed subscription to a room. When <see cref="Lapsed"/>, the grain had no live
/// subscription of the node (it expired: the node renewed too late, or never subscribed), so it took the
/// node's connections out of the room; the node enters them again. A changed <see cref="Epoch"/> says the
/// grain was re-activated with nothing in it, which the node answers the same way.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.RoomSubscription")]
public sealed record RoomSubscription(
    [property: Id(0)] string Epoch,
    [property: Id(1)] bool Lapsed);
