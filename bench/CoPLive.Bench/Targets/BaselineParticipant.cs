using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Bench.Targets;

/// <summary>A baseline client: its total is the highest entry number it has seen, from EnterRoom's result and each Joined event.</summary>
internal sealed class BaselineParticipant : Participant
{
    private readonly string _room;
    private readonly IDisposable _handler;
    private long _highest;

    public BaselineParticipant(int index, HubConnection hub, string room, ConvergenceTracker tracker)
        : base(index, hub, tracker)
    {
        _room = room;
        _handler = hub.On<JsonElement>("Joined", OnJoined);
    }

    protected override async Task EnterCoreAsync(CancellationToken cancellationToken)
    {
        var seq = await Hub.InvokeAsync<long>("EnterRoom", _room, cancellationToken);
        See(seq);
    }

    protected override void ReleaseHandlers() => _handler.Dispose();

    private void OnJoined(JsonElement joined)
    {
        Received(1);
        if (joined.GetProperty("room").GetString() == _room)
        {
            See(joined.GetProperty("seq").GetInt64());
        }
    }

    private void See(long seq)
    {
        long highest;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _highest);
            highest = Math.Max(seen, seq);
        }
        while (Interlocked.CompareExchange(ref _highest, highest, seen) != seen);

        SetTotal((int)highest);
    }
}
