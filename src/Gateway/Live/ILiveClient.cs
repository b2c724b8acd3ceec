using CoPLive.Gateway.Documents;
using CoPLive.Rooms;

namespace CoPLive.Gateway.Live;

/// <summary>What the server calls on a SignalR client of /hubs/live.</summary>
public interface ILiveClient
{
    /// <summary>Events of one room the connection is in, in sequence order ("RoomEvents").</summary>
    Task RoomEvents(RoomEventBatch batch);

    /// <summary>The connection was taken out of a room, and why ("AccessRevoked").</summary>
    Task AccessRevoked(AccessRevoked revoked);

    /// <summary>Updates others made to a document the connection has open ("DocumentUpdates").</summary>
    Task DocumentUpdates(DocumentUpdatesEvent updates);

    /// <summary>One tick of awareness of a document the connection has open ("DocumentAwareness").</summary>
    Task DocumentAwareness(DocumentAwarenessEvent awareness);

    /// <summary>A document the connection has open was activated anew: send it what it lacks ("DocumentResync").</summary>
    Task DocumentResync(DocumentResyncEvent resync);
}
