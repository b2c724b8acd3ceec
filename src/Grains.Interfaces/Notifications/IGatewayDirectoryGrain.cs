using CoPLive.Rooms;

namespace CoPLive.Notifications;

/// <summary>
/// The cluster's gateway nodes, each with its one <see cref="IGatewayObserver"/>; one grain (key 0). Personal rooms
/// ("member:{userId}") reach a member's connections through it, on whichever nodes they are, without a grain per
/// member: each node keeps its members' connections itself and sends a personal room's events to those it holds.
/// Registrations expire unless renewed, so a dead node drops out on its own.
/// </summary>
[Alias("CoPLive.IGatewayDirectoryGrain")]
public interface IGatewayDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers or renews a gateway node's observer for <paramref name="lifetime"/>; returns true if the node was not registered (first time, or it had lapsed).</summary>
    [Alias("Register")]
    Task<bool> RegisterAsync(string gatewayNodeId, IGatewayObserver observer, TimeSpan lifetime);

    /// <summary>Takes a gateway node out (it is stopping).</summary>
    [Alias("Unregister")]
    Task UnregisterAsync(string gatewayNodeId);

    /// <summary>Sends a personal room's events to every registered node, one-way; each node delivers them to the member's connections it holds.</summary>
    [Alias("Publish")]
    Task PublishAsync(RoomEventBatch batch);
}
