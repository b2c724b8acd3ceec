namespace CoPLive.Rooms;

/// <summary>
/// Who is in one room now; keyed by the room name ("community:{id}"). Presence lives in its own grain so
/// that a busy room does not queue behind content writes. It is ephemeral: never persisted.
/// </summary>
[Alias("CoPLive.IRoomPresenceGrain")]
public interface IRoomPresenceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Subscribes (or renews) a gateway node's observer to the room's events. A subscription that is not
    /// renewed within <paramref name="lifetime"/> expires, and the node's connections leave the room.
    /// </summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(string gatewayNodeId, IGatewayObserver observer, TimeSpan lifetime);

    /// <summary>Ends a gateway node's subscription (its last local connection left the room).</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(string gatewayNodeId);

    /// <summary>A connection enters the room (already authorized by the room's owner). Returns the presence snapshot.</summary>
    [Alias("Enter")]
    Task<PresenceSnapshot> EnterAsync(RoomConnection connection);

    /// <summary>A connection leaves the room (or dropped). Leaving twice changes nothing.</summary>
    [Alias("Leave")]
    Task LeaveAsync(string connectionId);

    /// <summary>The current presence snapshot.</summary>
    [Alias("GetSnapshot")]
    Task<PresenceSnapshot> GetSnapshotAsync();
}
