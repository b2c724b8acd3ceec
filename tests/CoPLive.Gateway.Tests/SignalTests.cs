using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>Ephemeral room signals (cursors, awareness): relayed to everyone in the room, in order, and only from inside it.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SignalTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task Signals_ReachEveryoneInTheRoomInOrder_AndACountedSenderIsNotNamedToOtherOrganizations()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var community = await alice.CreateCommunityAsync();
        (await alice.Http.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = bob.OrganizationId, presence = "counted" })).EnsureSuccessStatusCode();
        await bob.JoinAsync(community.Id);
        var room = new RoomId(RoomKind.Community, community.Id).ToString();
        await using var aliceIn = await RoomEntrant.EnterAsync(Gateway, alice, room);
        await using var bobIn = await RoomEntrant.EnterAsync(Gateway, bob, room);
        var (aliceHub, aliceView, bobView) = (aliceIn.Hub, aliceIn.View, bobIn.View);

        var sent = Enumerable.Range(0, 50).Select(i => $"{{\"cursor\":{i}}}").ToList();
        foreach (var payload in sent)
        {
            await aliceHub.InvokeAsync("Signal", room, payload);
        }

        await bobIn.Hub.InvokeAsync("Signal", room, "from-bob");

        foreach (var view in new[] { aliceView, bobView })
        {
            await view.WaitUntilAsync(w => w.Events.OfType<SignalSent>().Count() == sent.Count + 1, "every signal arrives");
            var signals = view.Events.OfType<SignalSent>().ToList();
            Assert.Equal([.. sent, "from-bob"], signals.Select(s => s.Payload));
            var seqs = view.Events.Select(e => e.Seq).ToList();
            Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Count).Select(s => (long)s), seqs);
        }

        Assert.All(bobView.Events.OfType<SignalSent>().Take(sent.Count), s => Assert.Equal(alice.UserId, s.UserId));
        var bobsAsAliceSeesIt = aliceView.Events.OfType<SignalSent>().Last();
        Assert.Null(bobsAsAliceSeesIt.UserId);
        Assert.Equal(bob.OrganizationId, bobsAsAliceSeesIt.OrganizationId);
        Assert.Equal(bob.UserId, bobView.Events.OfType<SignalSent>().Last().UserId);
    }

    [Fact]
    public async Task BadSignals_AreRefusedWithAStableCode_AndNothingIsSent()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var community = await alice.CreateCommunityAsync();
        var room = new RoomId(RoomKind.Community, community.Id).ToString();
        await using var hub = Gateway.Hub(alice.Token);
        await hub.StartAsync();
        using var view = new RoomWatcher(hub, room);

        var outside = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Signal", room, "not in yet"));
        await view.EnterAsync(hub);
        var tooLarge = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Signal", room, new string('x', Limits.SignalLength + 1)));
        var empty = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Signal", room, ""));
        var badRoom = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Signal", "community:Not An Id", "x"));
        await hub.InvokeAsync("Signal", room, "fine");

        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(outside));
        Assert.Equal(ErrorCodes.TooLarge, HubErrors.CodeOf(tooLarge));
        Assert.Equal(ErrorCodes.InvalidRequest, HubErrors.CodeOf(empty));
        Assert.Equal(ErrorCodes.InvalidId, HubErrors.CodeOf(badRoom));
        await view.WaitUntilAsync(w => w.Events.OfType<SignalSent>().Any(), "the good signal arrives");
        Assert.Equal(["fine"], view.Events.OfType<SignalSent>().Select(s => s.Payload));
    }
}
