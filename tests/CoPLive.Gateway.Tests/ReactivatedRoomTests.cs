using CoPLive.Common;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Core.Internal;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// A room's grain re-activated without its presence (as when the silo holding it, or its directory entry,
/// dies). On a node of its own whose subscriptions live an hour, so no periodic renewal comes during the test:
/// what repairs the room here is the node noticing the new epoch when a connection enters.
/// </summary>
public sealed class ReactivatedRoomTests
{
    [Fact]
    public async Task AnEntryThatReachesAReactivatedRoomFirst_RepairsItAtOnce_SoTheOthersAreBackAndEventsFlow()
    {
        var settings = TestGateway.SqliteSettings(RepositoryPaths.NewTempFolder());
        settings["CoPLive:Live:SubscriptionLifetime"] = "01:00:00";
        await using var gateway = await TestGateway.StartAsync(settings);
        var alice = await Member.SignInAsync(gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(gateway, "Bob", alice.OrganizationId);
        var carol = await Member.SignInAsync(gateway, "Carol", alice.OrganizationId);
        var community = await alice.CreateCommunityAsync();
        await bob.JoinAsync(community.Id);
        await carol.JoinAsync(community.Id);
        var room = RoomId.ForCommunity(community.Id);
        await using var aliceHub = gateway.Hub(alice.Token);
        await using var bobHub = gateway.Hub(bob.Token);
        await using var carolHub = gateway.Hub(carol.Token);
        await Task.WhenAll(aliceHub.StartAsync(), bobHub.StartAsync(), carolHub.StartAsync());
        using var aliceView = new RoomWatcher(aliceHub, room.ToString());
        var before = await aliceView.EnterAsync(aliceHub);
        await bobHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room.ToString());
        await carolHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room.ToString());
        await aliceView.WaitUntilAsync(
            w => w.PresentUserIds.Contains(bob.UserId) && w.PresentUserIds.Contains(carol.UserId), "Alice sees Bob and Carol enter");

        // The grain goes; Bob leaves while it is gone (his leave re-activates it, empty), then Alice enters again.
        await gateway.GetRequiredService<IGrainFactory>().GetRoomPresence(room).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await bobHub.InvokeAsync("LeaveRoom", room.ToString());
        var after = await aliceView.EnterAsync(aliceHub);

        Assert.NotEqual(before.Epoch, after.Epoch);
        await aliceView.WaitUntilAsync(
            w => w.PresentUserIds.Contains(alice.UserId) && w.PresentUserIds.Contains(carol.UserId) && !w.PresentUserIds.Contains(bob.UserId),
            "after entering the re-activated room, Alice sees herself and Carol (entered again by the node), and not Bob");
        await carolHub.InvokeAsync("LeaveRoom", room.ToString());
        await aliceView.WaitForAbsentAsync(carol.UserId);
        Assert.Equal(after.Epoch, aliceView.Snapshot!.Epoch);
    }
}
