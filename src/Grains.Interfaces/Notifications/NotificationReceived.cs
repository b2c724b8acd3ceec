using CoPLive.Rooms;

namespace CoPLive.Notifications;

/// <summary>A notification for the member, in their personal room ("member:{userId}"), which each of their connections is in.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.NotificationReceived")]
public sealed record NotificationReceived(long Seq, [property: Id(0)] Notification Notification) : RoomEvent(Seq);
