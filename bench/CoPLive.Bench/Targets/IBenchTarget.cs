using CoPLive.Bench.Hosting;

namespace CoPLive.Bench.Targets;

/// <summary>A server the scenarios measure: CoPLive's gateway, or the bare SignalR baseline.</summary>
internal interface IBenchTarget
{
    string Name { get; }

    /// <summary>Starts a fresh server process on loopback.</summary>
    Task<ServerProcess> StartServerAsync(CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="participants"/> people able to enter the room (sign-in, membership); not measured.</summary>
    Task PrepareAsync(ServerProcess server, int participants, int parallelism, CancellationToken cancellationToken);

    /// <summary>A participant for person <paramref name="index"/> (not connected yet).</summary>
    Participant CreateParticipant(ServerProcess server, int index, ConvergenceTracker tracker);
}
