using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Notifications;
using CoPLive.Rooms;
using CoPLive.Testing;
using CoPLive.Threads;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// The personal room ("member:{userId}") without a grain per member: every connection of the member gets each
/// notification, a connection that was away resumes what it missed, and what a personal room does not carry is
/// refused with a clear error.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PersonalRoomTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task EachOfAMembersConnectionsIsNotified_AndOneThatWasAwayResumesWhatItMissed()
    {
        var (alice, bob, threadId) = await ThreadAsync();
        var room = new RoomId(RoomKind.Member, bob.UserId).ToString();
        await using var laptop = Gateway.Hub(bob.Token);
        await laptop.StartAsync();
        using var onLaptop = new RoomWatcher(laptop, room);
        await onLaptop.EnterAsync(laptop);
        var phone = Gateway.Hub(bob.Token);
        await phone.StartAsync();
        using var onPhone = new RoomWatcher(phone, room);
        var phoneSnapshot = await onPhone.EnterAsync(phone);
        Assert.Equal([bob.UserId], phoneSnapshot.Members.Select(m => m.UserId));

        var first = await PostAsync(alice, threadId, $"@{bob.UserId} the first question for you");
        await onLaptop.WaitUntilAsync(w => Notified(w).Contains(first.Id), "the first mention reaches Bob's laptop");
        await onPhone.WaitUntilAsync(w => Notified(w).Contains(first.Id), "the first mention reaches Bob's phone");
        var lastSeen = onPhone.Events.Max(e => e.Seq);

        await phone.DisposeAsync(); // the phone goes away; the laptop stays
        var second = await PostAsync(alice, threadId, $"@{bob.UserId} the second question");
        var third = await PostAsync(alice, threadId, $"@{bob.UserId} and a third");
        await onLaptop.WaitUntilAsync(w => Notified(w).Contains(third.Id), "the mentions made while the phone was away reach the laptop");

        await using var phoneAgain = Gateway.Hub(bob.Token);
        await phoneAgain.StartAsync();
        var resumed = await phoneAgain.InvokeAsync<RoomEntry>("ResumeRoom", room, phoneSnapshot.Epoch, lastSeen);
        var stale = await phoneAgain.InvokeAsync<RoomEntry>("ResumeRoom", room, "an-old-epoch", lastSeen);

        Assert.Equal([first.Id, second.Id, third.Id], Notified(onLaptop));
        Assert.False(onLaptop.GapSeen);
        Assert.True(resumed.Resumed);
        Assert.Equal([lastSeen + 1, lastSeen + 2], resumed.Missed.Select(e => e.Seq));
        Assert.Equal([second.Id, third.Id], resumed.Missed.OfType<NotificationReceived>().Select(n => n.Notification.PostId));
        Assert.False(stale.Resumed);
        Assert.Equal(lastSeen + 2, stale.Snapshot.Seq);
    }

    [Fact]
    public async Task APersonalRoomsRosterIsItsMember_AndSignalsThereAreRefused()
    {
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var room = new RoomId(RoomKind.Member, bob.UserId).ToString();
        await using var hub = Gateway.Hub(bob.Token);
        await hub.StartAsync();

        var roster = await hub.InvokeAsync<RosterPage>("GetRoster", room, 0, 10);
        var signal = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Signal", room, "{\"x\":1}"));
        var badPage = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<RosterPage>("GetRoster", room, -1, 10));
        var snapshot = await hub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);

        Assert.Equal([bob.UserId], roster.Members.Select(m => m.UserId));
        Assert.Equal(1, roster.VisibleTotal);
        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(signal));
        Assert.Equal(ErrorCodes.InvalidRequest, HubErrors.CodeOf(badPage));
        Assert.Equal(0, snapshot.Seq); // the refused signal published nothing
    }

    private static List<string> Notified(RoomWatcher watcher) =>
        [.. watcher.Events.OfType<NotificationReceived>().Select(n => n.Notification.PostId)];

    private async Task<(Member Alice, Member Bob, string ThreadId)> ThreadAsync()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await bob.JoinAsync(community.Id);
        var thread = await ApiAssert.OkAsync<ThreadView>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/threads", new { title = "Pit slopes", kind = "discussion", body = "How steep do you go?" }));
        return (alice, bob, thread.Thread.Id);
    }

    private static async Task<ThreadPost> PostAsync(Member author, string threadId, string body) =>
        await ApiAssert.OkAsync<ThreadPost>(await author.Http.PostAsJsonAsync($"/api/threads/{threadId}/posts", new { body }));
}
