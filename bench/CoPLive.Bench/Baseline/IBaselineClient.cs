namespace CoPLive.Bench.Baseline;

/// <summary>The baseline's server-to-client calls.</summary>
public interface IBaselineClient
{
    /// <summary>Someone entered the room; <see cref="BaselineJoined.Seq"/> is how many entered it so far.</summary>
    Task Joined(BaselineJoined joined);

    /// <summary>Someone broadcast <paramref name="payload"/> to <paramref name="room"/>.</summary>
    Task Signal(string room, string payload);
}
