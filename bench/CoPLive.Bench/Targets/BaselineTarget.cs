using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using CoPLive.Bench.Baseline;
using CoPLive.Bench.Hosting;
using CoPLive.Testing;

namespace CoPLive.Bench.Targets;

/// <summary>The bare SignalR baseline (authenticated with JWT bearer, as the gateway is): this executable started again with the baseline-server flag.</summary>
internal sealed class BaselineTarget(int organizations) : IBenchTarget
{
    private const string Room = "community:bench";

    public string Name => "baseline";

    public Task<ServerProcess> StartServerAsync(CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        return ServerProcess.StartAsync(
            "baseline SignalR server",
            typeof(BaselineTarget).Assembly.Location,
            [BaselineServer.Flag, "--port", port.ToString(CultureInfo.InvariantCulture), "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?>(),
            new Uri($"http://127.0.0.1:{port}"),
            BaselineServer.ReadyLine,
            cancellationToken);
    }

    public Task PrepareAsync(ServerProcess server, int participants, int parallelism, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Participant CreateParticipant(ServerProcess server, int index, ConvergenceTracker tracker)
    {
        var token = BaselineTokens.Issue($"u{index}", $"Participant {index}", $"o{index % organizations}");
        var hub = Participant.Connection(new Uri(server.Address, BaselineServer.HubPath), () => Task.FromResult<string?>(token));
        return new BaselineParticipant(index, hub, Room, tracker);
    }

    public Task<IReadOnlyList<string>> PrepareRoomsAsync(ServerProcess server, int count, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([Room, .. Enumerable.Range(1, count - 1).Select(k => $"room:{k}")]);

    public Task EnterQuietlyAsync(Participant participant, string room, CancellationToken cancellationToken) =>
        participant.Hub.InvokeAsync("JoinRoom", room, cancellationToken);

    public Task SendAsync(Participant participant, string room, string payload, CancellationToken cancellationToken) =>
        participant.Hub.InvokeAsync("Broadcast", room, payload, cancellationToken);

    public IDisposable OnMessage(Participant participant, Action<string> received) =>
        participant.Hub.On<string, string>("Signal", (_, payload) => received(payload));
}
