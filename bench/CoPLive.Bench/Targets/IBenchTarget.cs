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

    /// <summary>Makes <paramref name="count"/> rooms that every prepared participant may enter (the first is the join storm's room); not measured.</summary>
    Task<IReadOnlyList<string>> PrepareRoomsAsync(ServerProcess server, int count, CancellationToken cancellationToken);

    /// <summary>Enters a room without presence broadcasts of one's own (CoPLive: EnterRoom, coalesced per tick; baseline: a quiet group join).</summary>
    Task EnterQuietlyAsync(Participant participant, string room, CancellationToken cancellationToken);

    /// <summary>Sends an ephemeral message to everyone in the room (CoPLive: Signal, through the room's grain; baseline: one group send).</summary>
    Task SendAsync(Participant participant, string room, string payload, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="received"/> with each message's payload that reaches the participant (the handler runs on the connection's receive loop).</summary>
    IDisposable OnMessage(Participant participant, Action<string> received);
}
