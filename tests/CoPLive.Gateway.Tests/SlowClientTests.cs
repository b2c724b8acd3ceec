using System.Text.Json;
using CoPLive.Common;
using CoPLive.Gateway.Live;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

namespace CoPLive.Gateway.Tests;

/// <summary>A client that stops reading is cut off after a bounded buffer, with a reason, and never holds up its room.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SlowClientTests(GatewayFixture fixture)
{
    private const string CutOffMetric = "coplive_connections_cut_off_total";

    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task AClientThatStopsReading_IsCutOffWithTooSlow_WhileTheOthersGetEveryEventInOrder()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", alice.OrganizationId);
        var carol = await Member.SignInAsync(Gateway, "Carol", alice.OrganizationId);
        var community = await alice.CreateCommunityAsync();
        await bob.JoinAsync(community.Id);
        await carol.JoinAsync(community.Id);
        var room = new RoomId(RoomKind.Community, community.Id).ToString();

        await using var aliceIn = await RoomEntrant.EnterAsync(Gateway, alice, room);
        await using var bobIn = await RoomEntrant.EnterAsync(Gateway, bob, room);
        var (aliceHub, aliceView, bobView) = (aliceIn.Hub, aliceIn.View, bobIn.View);

        // Carol's socket holds little (a 4 KiB receive buffer), and she stops reading once she is in.
        using var carolSocket = await RawHubClient.ConnectAsync(Gateway.Address, carol.Token, socketReceiveBuffer: 4096);
        var entered = await carolSocket.InvokeAsync("EnterRoom", room);
        Assert.False(entered.TryGetProperty("error", out var enterError), $"EnterRoom failed: {enterError}");
        await bobView.WaitForPresentAsync(carol.UserId);
        var cutOffsBefore = (await PrometheusScrape.TakeAsync(Gateway.Http)).Sum(CutOffMetric);

        // Alice signals until the node cuts Carol off (her bound and what the kernel and SignalR's pipe hold for
        // her fill up), and stops soon after: SignalR's transport would itself close a socket blocked for 10 s.
        var bound = Gateway.GetRequiredService<IOptions<LiveOptions>>().Value.MaxQueuedBytesPerConnection;
        var most = (int)((bound + (16L * 1024 * 1024)) / Limits.SignalLength);
        var filler = new string('x', Limits.SignalLength - 8);
        var count = 0;
        var cutOff = false;
        while (!cutOff && count < most)
        {
            await aliceHub.InvokeAsync("Signal", room, $"{count++:D8}{filler}");
            if (count % 50 == 0)
            {
                await carolSocket.PingAsync(); // she is alive, only not reading
                cutOff = (await PrometheusScrape.TakeAsync(Gateway.Http)).Sum(CutOffMetric) > cutOffsBefore;
            }
        }

        Assert.True(cutOff, $"Carol is cut off within {count} signals of {Limits.SignalLength} characters");

        // While Carol still reads nothing, Bob and Alice get every signal, in order.
        foreach (var view in new[] { bobView, aliceView })
        {
            await view.WaitUntilAsync(
                w => w.Events.OfType<SignalSent>().Count() >= count, $"all {count} signals arrive while Carol reads nothing", TimeSpan.FromSeconds(60));
            var signals = view.Events.OfType<SignalSent>().ToList();
            Assert.Equal(Enumerable.Range(0, count), signals.Select(Index));
            var seqs = view.Events.Select(e => e.Seq).ToList();
            Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Count).Select(s => (long)s), seqs);
            Assert.All(signals, s => Assert.Equal(alice.UserId, s.UserId));
        }

        // Carol reads again: what her buffers held, in order, then the reason, and the connection ends.
        var rest = await carolSocket.ReadUntilClosedAsync(TimeSpan.FromSeconds(60));
        var close = rest.FirstOrDefault(m => m.GetProperty("type").GetInt32() == 7);
        Assert.True(close.ValueKind == JsonValueKind.Object, "Carol receives a close message before the connection ends");
        Assert.True(close.TryGetProperty("error", out var reason), $"the first close message gives a reason: {close}");
        Assert.StartsWith($"{ErrorCodes.TooSlow}:", reason.GetString());
        Assert.True(close.GetProperty("allowReconnect").GetBoolean());
        var carolGot = rest.Where(m => m.GetProperty("type").GetInt32() == 1 && m.GetProperty("target").GetString() == "RoomEvents")
            .SelectMany(m => m.GetProperty("arguments")[0].GetProperty("events").EnumerateArray())
            .Where(e => e.GetProperty("type").GetString() == "signal-sent")
            .Select(e => int.Parse(e.GetProperty("payload").GetString()![..8], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(carolGot.Count < count, $"Carol was cut off before the end ({carolGot.Count} of {count})");
        Assert.Equal(Enumerable.Range(0, carolGot.Count), carolGot);

        // The room goes on for the others, and Carol's connection left it.
        await bobView.WaitForAbsentAsync(carol.UserId);
        await aliceHub.InvokeAsync("Signal", room, "after");
        await bobView.WaitUntilAsync(w => w.Events.OfType<SignalSent>().Any(s => s.Payload == "after"), "Bob gets the signal sent after the cut-off");
    }

    private static int Index(SignalSent signal) =>
        int.Parse(signal.Payload[..8], System.Globalization.CultureInfo.InvariantCulture);
}
