using System.ComponentModel.DataAnnotations;

namespace CoPLive.Rooms;

/// <summary>How presence is coalesced and paged: configuration section <c>CoPLive:Presence</c>.</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "CoPLive:Presence";

    /// <summary>How long changes gather before they are published, in a room below <see cref="LargeRoomThreshold"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The same for a large room, which publishes counts only.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan LargeRoomTick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>From this many present members a room is large: counts per organization, roster by pages.</summary>
    [Range(2, 1_000_000)]
    public int LargeRoomThreshold { get; set; } = 200;

    /// <summary>How many recent events a room keeps for clients that resume after a reconnect.</summary>
    [Range(0, 100_000)]
    public int ReplayEvents { get; set; } = 512;

    /// <summary>
    /// How long a connection entered by a gateway node that holds no subscription to the room (the room's grain was
    /// activated anew, or it swept the node) stays without one: the node subscribes again at its next renewal, so past
    /// this the node is taken for dead and its connections leave. At least the gateways' subscription lifetime.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UnsubscribedConnectionGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Members in a snapshot, and the largest roster page.</summary>
    [Range(1, 1000)]
    public int RosterPageSize { get; set; } = 100;
}
