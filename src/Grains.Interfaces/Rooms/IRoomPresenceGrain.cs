using System.Collections.Immutable;
using Orleans.Concurrency;

namespace CoPLive.Rooms;

/// <summary>
/// Who is in one room now; keyed by the room name ("community:{id}"). Presence lives in its own grain so
/// that a busy room does not queue behind content writes. It is ephemeral: never persisted. Changes are
/// coalesced per tick, and large rooms publish counts instead of members, so that a join storm costs
/// deliveries in proportion to the participants, not to their square.
/// </summary>
[Alias("CoPLive.IRoomPresenceGrain")]
public interface IRoomPresenceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Subscribes (or renews) a gateway node's observer to the room's events. A subscription that is not
    /// renewed within <paramref name="lifetime"/> expires, and the node's connections leave the room. Returns
    /// the room's epoch: a node that sees it change knows the grain was re-activated (its silo died) and
    /// enters its connections again.
    /// </summary>
    [Alias("Subscribe")]
    Task<string> SubscribeAsync(string gatewayNodeId, IGatewayObserver observer, TimeSpan lifetime);

    /// <summary>
    /// Renews a gateway node's subscription, as <see cref="SubscribeAsync"/> does, and says whether it had
    /// lapsed: then the grain had already taken the node's connections out of the room (a node starved for
    /// longer than the lifetime looks dead), and the node enters them again. Its clients missed the events
    /// published meanwhile; they see the gap in sequence numbers and resume.
    /// </summary>
    [Alias("RenewSubscription")]
    Task<RoomSubscription> RenewSubscriptionAsync(string gatewayNodeId, IGatewayObserver observer, TimeSpan lifetime);

    /// <summary>Ends a gateway node's subscription (its last local connection left the room).</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(string gatewayNodeId);

    /// <summary>
    /// A connection enters the room, authorized by the room's owner, which also says what presence must
    /// know (<paramref name="access"/>). Returns the snapshot as the connection's organization may see it.
    /// </summary>
    [Alias("Enter")]
    Task<PresenceSnapshot> EnterAsync(RoomConnection connection, RoomAccess access);

    /// <summary>
    /// A (re)connected client enters the room and asks for the events after <paramref name="afterSeq"/> of
    /// <paramref name="epoch"/>: replayed from the room's bounded buffer when they are all still there, else a
    /// fresh snapshot.
    /// </summary>
    [Alias("Resume")]
    Task<RoomEntry> ResumeAsync(RoomConnection connection, RoomAccess access, string epoch, long afterSeq);

    /// <summary>A connection leaves the room (or dropped). Leaving twice changes nothing.</summary>
    [Alias("Leave")]
    Task LeaveAsync(string connectionId);

    /// <summary>The current snapshot as a viewer of <paramref name="viewerOrganizationId"/> may see it.</summary>
    [Alias("GetSnapshot")]
    Task<PresenceSnapshot> GetSnapshotAsync(string viewerOrganizationId);

    /// <summary>A page of the roster as a viewer of <paramref name="viewerOrganizationId"/> may see it (at most the configured page size).</summary>
    [Alias("GetRoster")]
    Task<RosterPage> GetRosterAsync(string viewerOrganizationId, int offset, int limit);

    /// <summary>
    /// The owner's access rules changed (a presence policy): viewers are told to take a fresh snapshot so that
    /// what they hold matches what they may now see.
    /// </summary>
    [Alias("ApplyAccess")]
    Task ApplyAccessAsync(RoomAccess access);

    /// <summary>
    /// Publishes content events of the room's owner (a meetup's chat, reactions, ...) to the room, stamped with
    /// the room's next sequence numbers: the room's grain is its one sequencer.
    /// </summary>
    [Alias("Publish")]
    Task PublishAsync(ImmutableArray<RoomEvent> events);

    /// <summary>
    /// Access ended for some members: their connections leave the room at once (each gateway node is told
    /// which of its connections, and why), and the others see them leave.
    /// </summary>
    [Alias("Revoke")]
    Task RevokeAsync(RoomRevocation revocation);

    /// <summary>
    /// A connection in the room sends an ephemeral signal to everyone in it (a cursor, an awareness state):
    /// published at once as <see cref="SignalSent"/> with the room's next sequence number, never persisted.
    /// One-way, so the sender's hub call does not wait for a response: the gateway checks the payload and that
    /// the connection is in the room before it calls, and the grain drops a signal from a connection it does not
    /// hold (one evicted while the call was on its way), or one the gateway should have refused.
    /// </summary>
    [OneWay, Alias("Signal")]
    Task SignalAsync(string connectionId, string payload);
}
