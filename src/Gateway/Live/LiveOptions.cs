using System.ComponentModel.DataAnnotations;

namespace CoPLive.Gateway.Live;

/// <summary>The live path's settings: configuration section <c>CoPLive:Live</c>.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "CoPLive:Live";

    /// <summary>How long a gateway node's subscription to a room lives unless renewed; a dead node drops out after it.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many rooms one connection may be in at once.</summary>
    [Range(1, 1000)]
    public int MaxRoomsPerConnection { get; set; } = 50;

    /// <summary>
    /// How many bytes of room events may wait for one connection that does not take them as fast as they come
    /// (beyond what its socket and SignalR's pipe hold). A connection that would hold more is cut off with
    /// <c>too-slow</c>.
    /// </summary>
    [Range(16 * 1024, 1024L * 1024 * 1024)]
    public long MaxQueuedBytesPerConnection { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How long a room's lane waits for a connection's write before it goes on without it (the connection's
    /// later events then wait in its own bounded queue). A healthy connection takes a write in microseconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan SlowClientPatience { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a cut-off connection has to read its close message before it is aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CutOffGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Renewal runs this often: a third of the lifetime, so two renewals may fail before expiry.</summary>
    public TimeSpan RenewalPeriod => SubscriptionLifetime / 3;
}
