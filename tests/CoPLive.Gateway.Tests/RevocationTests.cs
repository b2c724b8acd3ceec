using CoPLive.Common;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>Removing a member or withdrawing an organization reaches live sessions at once.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RevocationTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task ARemovedMember_IsTakenOutOfTheRoom_ToldWhy_AndReceivesNothingMore()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var carol = await Member.SignInAsync(Gateway, "Carol", alice.OrganizationId);
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await bob.JoinAsync(community.Id);
        await carol.JoinAsync(community.Id);
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await using var bobHub = Gateway.Hub(bob.Token);
        await using var carolHub = Gateway.Hub(carol.Token);
        await aliceHub.StartAsync();
        await bobHub.StartAsync();
        await carolHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        using var bobView = new RoomWatcher(bobHub, room);
        await aliceView.EnterAsync(aliceHub);
        await bobView.EnterAsync(bobHub);

        (await alice.Http.DeleteAsync($"/api/communities/{community.Id}/members/{bob.UserId}")).EnsureSuccessStatusCode();

        await bobView.WaitForRevocationAsync();
        await aliceView.WaitForAbsentAsync(bob.UserId);
        var revoked = Assert.Single(bobView.Revocations);
        Assert.Equal(ErrorCodes.Forbidden, revoked.Code);
        Assert.Contains("removed", revoked.Reason, StringComparison.Ordinal);

        var bobEvents = bobView.Events.Count;
        await carolHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        await aliceView.WaitForPresentAsync(carol.UserId);
        Assert.Equal(bobEvents, bobView.Events.Count);
        var again = await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room));
        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(again));
    }

    [Fact]
    public async Task WithdrawingAnOrganization_TakesAllItsMembersOutOfTheRoom()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var dave = await Member.SignInAsync(Gateway, "Dave", bob.OrganizationId);
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await bob.JoinAsync(community.Id);
        await dave.JoinAsync(community.Id);
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await using var bobHub = Gateway.Hub(bob.Token);
        await using var daveHub = Gateway.Hub(dave.Token);
        await aliceHub.StartAsync();
        await bobHub.StartAsync();
        await daveHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        using var bobView = new RoomWatcher(bobHub, room);
        using var daveView = new RoomWatcher(daveHub, room);
        await aliceView.EnterAsync(aliceHub);
        await bobView.EnterAsync(bobHub);
        await daveView.EnterAsync(daveHub);

        (await alice.Http.DeleteAsync($"/api/communities/{community.Id}/organizations/{bob.OrganizationId}")).EnsureSuccessStatusCode();

        await bobView.WaitForRevocationAsync();
        await daveView.WaitForRevocationAsync();
        await aliceView.WaitUntilAsync(w => w.PresentUserIds.Count == 1, "only Alice is left in the room");
        Assert.False(aliceView.Counts.TryGetValue(bob.OrganizationId, out var left) && left > 0);
        var again = await Assert.ThrowsAsync<HubException>(() => daveHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room));
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(again));
    }

    [Fact]
    public async Task ALeavingMember_LeavesTheRoomToo()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var carol = await Member.SignInAsync(Gateway, "Carol", alice.OrganizationId);
        var community = await alice.CreateCommunityAsync();
        await carol.JoinAsync(community.Id);
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await using var carolHub = Gateway.Hub(carol.Token);
        await aliceHub.StartAsync();
        await carolHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        using var carolView = new RoomWatcher(carolHub, room);
        await aliceView.EnterAsync(aliceHub);
        await carolView.EnterAsync(carolHub);

        (await carol.Http.PostAsync($"/api/communities/{community.Id}/leave", null)).EnsureSuccessStatusCode();

        await carolView.WaitForRevocationAsync();
        await aliceView.WaitForAbsentAsync(carol.UserId);
    }
}
