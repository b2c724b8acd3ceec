using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Meetups;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>A client that lost its connection resumes from its last sequence number, in order, or starts from a snapshot.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ResumeTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task AfterAForcedDisconnect_TheClientGetsEveryMissedEventInOrder()
    {
        var (alice, bob, meetup, room) = await MeetupAsync();
        var first = Gateway.Hub(bob.Token);
        await first.StartAsync();
        var before = new RoomWatcher(first, room);
        var snapshot = await before.EnterAsync(first);
        await alice.Http.PostAsJsonAsync($"/api/meetups/{meetup.Id}/chat", new { text = "before" });
        await before.WaitUntilAsync(w => w.Events.OfType<ChatPosted>().Any(), "Bob receives the first message");
        var lastSeen = before.Events.Max(e => e.Seq);

        await first.DisposeAsync(); // the connection is gone; the room goes on without Bob
        var sent = new[] { "one", "two", "three", "four" };
        foreach (var text in sent)
        {
            await alice.Http.PostAsJsonAsync($"/api/meetups/{meetup.Id}/chat", new { text });
        }

        await using var second = Gateway.Hub(bob.Token);
        await second.StartAsync();
        var resumed = await second.InvokeAsync<RoomEntry>("ResumeRoom", room, snapshot.Epoch, lastSeen);
        var stale = await second.InvokeAsync<RoomEntry>("ResumeRoom", room, "an-old-epoch", lastSeen);

        Assert.True(resumed.Resumed);
        Assert.Equal(Enumerable.Range((int)lastSeen + 1, resumed.Missed.Length).Select(i => (long)i), resumed.Missed.Select(e => e.Seq));
        Assert.Equal(sent, resumed.Missed.OfType<ChatPosted>().Select(e => e.Message.Text));
        Assert.False(stale.Resumed);
        Assert.Contains(bob.UserId, stale.Snapshot.Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task AfterTheSocketDropsWithoutACloseHandshake_ResumeGivesEveryMissedEventInOrder()
    {
        var (alice, bob, meetup, room) = await MeetupAsync();
        await using var aliceHub = Gateway.Hub(alice.Token);
        await aliceHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        await aliceView.EnterAsync(aliceHub);

        // Bob's first connection is a raw socket that dies like a killed browser.
        var dropped = await RawHubClient.ConnectAsync(Gateway.Address, bob.Token);
        var entered = await dropped.InvokeAsync("EnterRoom", room);
        var snapshot = entered.GetProperty("result");
        var epoch = snapshot.GetProperty("epoch").GetString()!;
        var lastSeen = snapshot.GetProperty("seq").GetInt64();
        await aliceView.WaitForPresentAsync(bob.UserId);
        dropped.Abort();
        dropped.Dispose();
        await aliceView.WaitForAbsentAsync(bob.UserId);

        var sent = new[] { "one", "two", "three", "four", "five" };
        foreach (var text in sent)
        {
            await alice.Http.PostAsJsonAsync($"/api/meetups/{meetup.Id}/chat", new { text });
        }

        await using var again = Gateway.Hub(bob.Token);
        await again.StartAsync();
        var resumed = await again.InvokeAsync<RoomEntry>("ResumeRoom", room, epoch, lastSeen);

        Assert.True(resumed.Resumed);
        Assert.Equal(Enumerable.Range((int)lastSeen + 1, resumed.Missed.Length).Select(i => (long)i), resumed.Missed.Select(e => e.Seq));
        Assert.Equal(sent, resumed.Missed.OfType<ChatPosted>().Select(e => e.Message.Text));
        Assert.Contains(resumed.Missed, e => e is MemberLeft { Member.UserId: var left } && left == bob.UserId);
        await aliceView.WaitForPresentAsync(bob.UserId);
    }

    /// <summary>Alice hosts a meetup; Bob, of her organization, is a member of its community.</summary>
    private async Task<(Member Alice, Member Bob, MeetupDetails Meetup, string Room)> MeetupAsync()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", alice.OrganizationId);
        var community = await alice.CreateCommunityAsync();
        await bob.JoinAsync(community.Id);
        var startsAt = DateTimeOffset.UtcNow.AddHours(1);
        var meetup = await ApiAssert.OkAsync<MeetupDetails>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/meetups", new { title = "Resume", startsAt, endsAt = startsAt.AddHours(1) }));
        return (alice, bob, meetup, new RoomId(RoomKind.Meetup, meetup.Id).ToString());
    }
}
