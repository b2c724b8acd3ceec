using CoPLive.Common;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class PresenceTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    /// <summary>Alice (northwind) coordinates a community that admits contoso, which Bob joined.</summary>
    private async Task<(Member Alice, Member Bob, string Room)> TwoOrganizationsAsync()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await bob.JoinAsync(community.Id);
        return (alice, bob, RoomId.ForCommunity(community.Id).ToString());
    }

    [Fact]
    public async Task MembersOfTwoOrganizations_SeeEachOtherArrive_AndLeave_WithConsecutiveSequenceNumbers()
    {
        var (alice, bob, room) = await TwoOrganizationsAsync();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await using var bobHub = Gateway.Hub(bob.Token);
        await aliceHub.StartAsync();
        await bobHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        using var bobView = new RoomWatcher(bobHub, room);

        var aliceSnapshot = await aliceView.EnterAsync(aliceHub);
        var bobSnapshot = await bobView.EnterAsync(bobHub);
        await aliceView.WaitForPresentAsync(bob.UserId);

        Assert.Equal([alice.UserId, bob.UserId], bobSnapshot.Members.Select(m => m.UserId));
        Assert.Equal(1, bobSnapshot.CountsByOrganization[bob.OrganizationId]);
        var entered = aliceView.Events.OfType<MemberEntered>().Single(e => e.Member?.UserId == bob.UserId);
        Assert.Equal(("Bob", bob.OrganizationId, 1), (entered.Member!.DisplayName, entered.OrganizationId, entered.OrganizationCount));

        await bobHub.StopAsync();
        await aliceView.WaitForAbsentAsync(bob.UserId);

        var left = Assert.IsType<MemberLeft>(aliceView.Events.Last());
        Assert.Equal(bob.UserId, left.Member!.UserId);
        var seqs = aliceView.Events.Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Count).Select(i => (long)i), seqs);
        Assert.True(seqs[0] <= aliceSnapshot.Seq + 1, "no event after Alice's snapshot was missed");
    }

    [Fact]
    public async Task ADroppedConnection_WithoutCloseHandshake_LeavesTheRoom()
    {
        var (alice, bob, room) = await TwoOrganizationsAsync();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await aliceHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        await aliceView.EnterAsync(aliceHub);
        using var bobSocket = await RawHubClient.ConnectAsync(Gateway.Address, bob.Token);

        var completion = await bobSocket.InvokeAsync("EnterRoom", room);
        Assert.False(completion.TryGetProperty("error", out var enterError), $"EnterRoom failed: {enterError}");
        await aliceView.WaitForPresentAsync(bob.UserId);

        bobSocket.Abort();

        await aliceView.WaitForAbsentAsync(bob.UserId);
    }

    [Fact]
    public async Task TwoTabsOfOneMember_ArePresentOnce_AndTheMemberStaysUntilTheLastTabCloses()
    {
        var (alice, bob, room) = await TwoOrganizationsAsync();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await using var bobTab1 = Gateway.Hub(bob.Token);
        await using var bobTab2 = Gateway.Hub(bob.Token);
        await aliceHub.StartAsync();
        await bobTab1.StartAsync();
        await bobTab2.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        await aliceView.EnterAsync(aliceHub);

        await bobTab1.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        var second = await bobTab2.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        await aliceView.WaitForPresentAsync(bob.UserId);
        await bobTab1.StopAsync();
        var afterOneTab = await bobTab2.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        await bobTab2.StopAsync();
        await aliceView.WaitForAbsentAsync(bob.UserId);

        // Closing the first tab changed nothing for the others: Bob arrived once and left once.
        Assert.Equal(2, second.Members.Length);
        Assert.Contains(bob.UserId, afterOneTab.Members.Select(m => m.UserId));
        Assert.Single(aliceView.Events.OfType<MemberEntered>(), e => e.Member?.UserId == bob.UserId);
        Assert.Single(aliceView.Events.OfType<MemberLeft>(), e => e.Member?.UserId == bob.UserId);
    }

    [Fact]
    public async Task LeaveRoom_TellsTheOthers_AndStopsTheEventsForTheLeaver()
    {
        var (alice, bob, room) = await TwoOrganizationsAsync();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await using var bobHub = Gateway.Hub(bob.Token);
        await aliceHub.StartAsync();
        await bobHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        using var bobView = new RoomWatcher(bobHub, room);
        await aliceView.EnterAsync(aliceHub);
        await bobView.EnterAsync(bobHub);

        await bobHub.InvokeAsync("LeaveRoom", room);
        await aliceView.WaitForAbsentAsync(bob.UserId);
        var bobEventsAfterLeaving = bobView.Events.Count;
        await aliceHub.InvokeAsync("LeaveRoom", room);
        await aliceHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);

        Assert.Equal(bobEventsAfterLeaving, bobView.Events.Count);
    }

    [Fact]
    public async Task EnteringARoom_OneMayNotBeIn_IsRefusedWithAStableCode()
    {
        var (alice, _, room) = await TwoOrganizationsAsync();
        var stranger = await Member.SignInAsync(Gateway, "Eve", CoPLiveIds.New("elsewhere"));
        var colleague = await Member.SignInAsync(Gateway, "Carol", alice.OrganizationId); // admitted, not joined
        await using var strangerHub = Gateway.Hub(stranger.Token);
        await using var colleagueHub = Gateway.Hub(colleague.Token);
        await strangerHub.StartAsync();
        await colleagueHub.StartAsync();

        var notFound = await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room));
        var forbidden = await Assert.ThrowsAsync<HubException>(() => colleagueHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room));
        var malformed = await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<PresenceSnapshot>("EnterRoom", "no-colon"));
        var unknownKind = await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<PresenceSnapshot>("EnterRoom", "planet:mars"));
        var unknownCommunity = await Assert.ThrowsAsync<HubException>(
            () => strangerHub.InvokeAsync<PresenceSnapshot>("EnterRoom", $"community:{CoPLiveIds.New("ghost")}"));

        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(notFound));
        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(forbidden));
        Assert.Equal(ErrorCodes.InvalidId, HubErrors.CodeOf(malformed));
        Assert.Equal(ErrorCodes.InvalidId, HubErrors.CodeOf(unknownKind));
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(unknownCommunity));

        await using var aliceHub = Gateway.Hub(alice.Token);
        await aliceHub.StartAsync();
        var snapshot = await aliceHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        Assert.Equal([alice.UserId], snapshot.Members.Select(m => m.UserId));
    }
}
