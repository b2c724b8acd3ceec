using System.Net.Http.Json;
using System.Text.Json;
using CoPLive.Common;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>A counted organization's names never reach viewers of another organization, in snapshots or live deltas.</summary>
[Collection(GatewayCollection.Name)]
public sealed class PresencePolicyTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task ACountedOrganization_IsOnlyCountedForOthers_ButNamedToItsOwnMembers()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var dave = await Member.SignInAsync(Gateway, "Dave", bob.OrganizationId);
        var community = await alice.CreateCommunityAsync();
        (await alice.Http.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = bob.OrganizationId, presence = "counted" })).EnsureSuccessStatusCode();
        await bob.JoinAsync(community.Id);
        await dave.JoinAsync(community.Id);
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await using var bobHub = Gateway.Hub(bob.Token);
        await using var daveHub = Gateway.Hub(dave.Token);
        await using var aliceWireHub = Gateway.Hub(alice.Token);
        await aliceHub.StartAsync();
        await bobHub.StartAsync();
        await daveHub.StartAsync();
        await aliceWireHub.StartAsync();
        var aliceWire = RecordWire(aliceWireHub);
        await aliceWireHub.InvokeAsync<JsonElement>("EnterRoom", room);
        using var aliceView = new RoomWatcher(aliceHub, room);
        using var daveView = new RoomWatcher(daveHub, room);
        await aliceView.EnterAsync(aliceHub);
        await daveView.EnterAsync(daveHub);

        var bobSnapshot = await bobHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        await aliceView.WaitUntilAsync(w => w.Counts.GetValueOrDefault(bob.OrganizationId) == 2, "Alice counts two from contoso");
        await daveView.WaitForPresentAsync(bob.UserId);
        var aliceSnapshot = await aliceHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        await bobHub.StopAsync();
        await aliceView.WaitUntilAsync(w => w.Counts.GetValueOrDefault(bob.OrganizationId) == 1, "Alice counts one from contoso");

        Assert.Equal([alice.UserId], aliceSnapshot.Members.Select(m => m.UserId));
        Assert.Equal(2, aliceSnapshot.CountsByOrganization[bob.OrganizationId]);
        Assert.Contains(dave.UserId, bobSnapshot.Members.Select(m => m.UserId));
        Assert.Equal([alice.UserId], aliceView.PresentUserIds);
        List<string> wire;
        lock (aliceWire)
        {
            wire = [.. aliceWire];
        }

        Assert.All(wire, json =>
        {
            Assert.DoesNotContain(bob.UserId, json, StringComparison.Ordinal);
            Assert.DoesNotContain(dave.UserId, json, StringComparison.Ordinal);
            Assert.DoesNotContain("Bob", json, StringComparison.Ordinal);
        });
        Assert.Contains(wire, json => json.Contains("member-entered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SwitchingAnOrganizationToCounted_TellsViewersToResync_AndTheFreshSnapshotHasNoNames()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await bob.JoinAsync(community.Id);
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await using var bobHub = Gateway.Hub(bob.Token);
        await aliceHub.StartAsync();
        await bobHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        await aliceView.EnterAsync(aliceHub);
        await bobHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        await aliceView.WaitForPresentAsync(bob.UserId);

        (await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/organizations/{bob.OrganizationId}/presence", new { presence = "counted" })).EnsureSuccessStatusCode();

        await aliceView.WaitUntilAsync(w => w.Events.OfType<PresenceReset>().Any(), "a presence-reset event reaches Alice");
        var fresh = await aliceView.EnterAsync(aliceHub);
        Assert.Equal([alice.UserId], fresh.Members.Select(m => m.UserId));
        Assert.Equal(1, fresh.CountsByOrganization[bob.OrganizationId]);
    }

    /// <summary>
    /// Every RoomEvents payload a connection receives, as raw JSON, to check what went over the wire. (A
    /// connection of its own: the client binds a method's arguments by the first handler's types.)
    /// </summary>
    private static List<string> RecordWire(HubConnection hub)
    {
        var received = new List<string>();
        hub.On<JsonElement>("RoomEvents", payload =>
        {
            lock (received)
            {
                received.Add(payload.GetRawText());
            }
        });
        return received;
    }
}
