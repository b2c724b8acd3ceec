using System.Collections.Concurrent;
using CoPLive.Rooms;

namespace CoPLive.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoomPresenceGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Enter_And_Leave_PublishNumberedEvents_ToSubscribedNodes_OncePerMember()
    {
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var presence = fixture.Grains.GetRoomPresence(room);
        var node = new RecordingObserver();
        await presence.SubscribeAsync("node-a", fixture.Client.CreateObjectReference<IGatewayObserver>(node), TimeSpan.FromMinutes(1));
        var alice = Members.New("Alice", "northwind");
        var bob = Members.New("Bob", "contoso");

        await presence.EnterAsync(new RoomConnection("c1", "node-a", alice), RoomAccess.Open);
        await presence.EnterAsync(new RoomConnection("c2", "node-a", alice), RoomAccess.Open); // a second tab: no event
        var afterAlice = await node.WaitForAsync(1);
        var snapshot = await presence.EnterAsync(new RoomConnection("c3", "node-a", bob), RoomAccess.Open);
        var afterBob = await node.WaitForAsync(2);
        await presence.LeaveAsync("c1"); // Alice still has c2: no event
        await presence.LeaveAsync("c2");
        await presence.LeaveAsync("c2"); // twice: nothing
        var events = await node.WaitForAsync(3);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Seq));
        Assert.Equal(alice.UserId, Assert.IsType<MemberEntered>(afterAlice[0]).Member!.UserId);
        Assert.Equal(bob.UserId, Assert.IsType<MemberEntered>(afterBob[1]).Member!.UserId);
        var left = Assert.IsType<MemberLeft>(events[2]);
        Assert.Equal((alice.UserId, "northwind", 0), (left.Member!.UserId, left.OrganizationId, left.OrganizationCount));
        Assert.Equal(1, snapshot.Seq);
        Assert.Equal(2, snapshot.Members.Length);
        Assert.Equal(1, snapshot.CountsByOrganization["contoso"]);
        Assert.Equal([bob.UserId], (await presence.GetSnapshotAsync("northwind")).Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task ChangesWithinOneTick_GoOutAsOneBatch_AndSomeoneWhoCameAndWentLeavesNoTrace()
    {
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var presence = fixture.Grains.GetRoomPresence(room);
        var node = new RecordingObserver();
        await presence.SubscribeAsync("node-a", fixture.Client.CreateObjectReference<IGatewayObserver>(node), TimeSpan.FromMinutes(1));
        var carol = Members.New("Carol", "northwind");
        var dave = Members.New("Dave", "northwind");
        var erin = Members.New("Erin", "contoso");

        await presence.EnterAsync(new RoomConnection("c1", "node-a", carol), RoomAccess.Open);
        await presence.EnterAsync(new RoomConnection("d1", "node-a", dave), RoomAccess.Open);
        await presence.LeaveAsync("c1");
        await presence.EnterAsync(new RoomConnection("e1", "node-a", erin), RoomAccess.Open);
        var events = await node.WaitForAsync(2);

        Assert.Equal([dave.UserId, erin.UserId], events.Cast<MemberEntered>().Select(e => e.Member!.UserId));
        Assert.Equal(1, node.Batches);
    }

    [Fact]
    public async Task ALargeRoom_PublishesCountsPerTick_AndPagesItsRoster()
    {
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var presence = fixture.Grains.GetRoomPresence(room);
        var node = new RecordingObserver();
        await presence.SubscribeAsync("node-a", fixture.Client.CreateObjectReference<IGatewayObserver>(node), TimeSpan.FromMinutes(1));
        var people = new[] { Members.New("Ann", "northwind"), Members.New("Ben", "northwind"), Members.New("Cat", "contoso"), Members.New("Dan", "contoso"), Members.New("Eve", "contoso") };

        PresenceSnapshot? snapshot = null;
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            snapshot = await presence.EnterAsync(new RoomConnection($"x{i}", "node-a", person), RoomAccess.Open);
        }

        // Once the room is large, ticks publish counts only (a tick may have fired earlier, while it was small).
        var events = await node.WaitUntilAsync(e => e.OfType<PresenceCounts>().Any(c => c.Total == 5));
        var counts = events.OfType<PresenceCounts>().Last();
        Assert.All(events.SkipWhile(e => e is not PresenceCounts), e => Assert.IsType<PresenceCounts>(e));
        var secondPage = await presence.GetRosterAsync("northwind", offset: 2, limit: 50);
        var lastPage = await presence.GetRosterAsync("northwind", offset: 4, limit: 50);

        Assert.Equal(5, counts.Total);
        Assert.Equal(3, counts.CountsByOrganization["contoso"]);
        Assert.True(snapshot!.Large);
        Assert.False(snapshot.RosterComplete);
        Assert.Equal(["Ann", "Ben"], snapshot.Members.Select(m => m.DisplayName));
        Assert.Equal(["Cat", "Dan"], secondPage.Members.Select(m => m.DisplayName));
        Assert.Equal(["Eve"], lastPage.Members.Select(m => m.DisplayName));
        Assert.Equal(5, secondPage.VisibleTotal);
        await Assert.ThrowsAsync<Common.CoPLiveException>(() => presence.GetRosterAsync("northwind", offset: -1, limit: 5));
    }

    [Fact]
    public async Task AnExpiredSubscription_TakesThatNodesConnectionsOutOfTheRoom()
    {
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var presence = fixture.Grains.GetRoomPresence(room);
        var survivor = new RecordingObserver();
        await presence.SubscribeAsync("node-a", fixture.Client.CreateObjectReference<IGatewayObserver>(survivor), TimeSpan.FromMinutes(5));
        await presence.SubscribeAsync("node-dead", fixture.Client.CreateObjectReference<IGatewayObserver>(new RecordingObserver()), TimeSpan.FromSeconds(1));
        var alice = Members.New("Alice", "northwind");
        var bob = Members.New("Bob", "contoso");
        await presence.EnterAsync(new RoomConnection("a1", "node-a", alice), RoomAccess.Open);
        await presence.EnterAsync(new RoomConnection("b1", "node-dead", bob), RoomAccess.Open);

        // node-dead never renews: the grain's sweep removes Bob.
        var events = await survivor.WaitUntilAsync(e => e.OfType<MemberLeft>().Any());

        var left = events.OfType<MemberLeft>().Single();
        Assert.Equal(bob.UserId, left.Member!.UserId);
        Assert.Equal([alice.UserId], (await presence.GetSnapshotAsync("northwind")).Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task ConnectionsOfANodeThatEnteredWithoutASubscription_LeaveIfItNeverSubscribes_AndStayIfItDoes()
    {
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var presence = fixture.Grains.GetRoomPresence(room);
        var survivor = new RecordingObserver();
        await presence.SubscribeAsync("node-a", fixture.Client.CreateObjectReference<IGatewayObserver>(survivor), TimeSpan.FromMinutes(5));
        var carol = Members.New("Carol", "fabrikam");
        var bob = Members.New("Bob", "contoso");

        // As after the grain's re-activation: both nodes enter their connections before they renew. node-back then
        // subscribes; node-gone dies before it does.
        await presence.EnterAsync(new RoomConnection("c1", "node-back", carol), RoomAccess.Open);
        await presence.EnterAsync(new RoomConnection("b1", "node-gone", bob), RoomAccess.Open);
        await presence.RenewSubscriptionAsync("node-back", fixture.Client.CreateObjectReference<IGatewayObserver>(new RecordingObserver()), TimeSpan.FromMinutes(5));
        var events = await survivor.WaitUntilAsync(e => e.OfType<MemberLeft>().Any());

        Assert.Equal([bob.UserId], events.OfType<MemberLeft>().Select(e => e.Member!.UserId));
        Assert.Equal([carol.UserId], (await presence.GetSnapshotAsync("fabrikam")).Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task ARenewalAfterExpiry_SaysTheSubscriptionLapsed_SoTheNodeKnowsToEnterItsConnectionsAgain()
    {
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var presence = fixture.Grains.GetRoomPresence(room);
        var survivor = new RecordingObserver();
        var late = fixture.Client.CreateObjectReference<IGatewayObserver>(new RecordingObserver());
        await presence.SubscribeAsync("node-a", fixture.Client.CreateObjectReference<IGatewayObserver>(survivor), TimeSpan.FromMinutes(5));
        var epoch = await presence.SubscribeAsync("node-late", late, TimeSpan.FromSeconds(1));
        var bob = Members.New("Bob", "contoso");
        await presence.EnterAsync(new RoomConnection("b1", "node-late", bob), RoomAccess.Open);
        Assert.False((await presence.RenewSubscriptionAsync("node-a", fixture.Client.CreateObjectReference<IGatewayObserver>(survivor), TimeSpan.FromMinutes(5))).Lapsed);

        // node-late does not renew in time: the sweep takes Bob out.
        await survivor.WaitUntilAsync(e => e.OfType<MemberLeft>().Any());

        var renewal = await presence.RenewSubscriptionAsync("node-late", late, TimeSpan.FromMinutes(5));
        Assert.True(renewal.Lapsed);
        Assert.Equal(epoch, renewal.Epoch);
        Assert.Empty((await presence.GetSnapshotAsync("contoso")).Members);
        Assert.False((await presence.RenewSubscriptionAsync("node-late", late, TimeSpan.FromMinutes(5))).Lapsed);
    }

    [Fact]
    public async Task Revoke_TellsOnlyTheNodeThatHoldsTheConnections_AndTheOthersSeeTheMemberLeave()
    {
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var presence = fixture.Grains.GetRoomPresence(room);
        var nodeA = new RecordingObserver();
        var nodeB = new RecordingObserver();
        await presence.SubscribeAsync("node-a", fixture.Client.CreateObjectReference<IGatewayObserver>(nodeA), TimeSpan.FromMinutes(1));
        await presence.SubscribeAsync("node-b", fixture.Client.CreateObjectReference<IGatewayObserver>(nodeB), TimeSpan.FromMinutes(1));
        var alice = Members.New("Alice", "northwind");
        var bob = Members.New("Bob", "contoso");
        await presence.EnterAsync(new RoomConnection("a1", "node-a", alice), RoomAccess.Open);
        await presence.EnterAsync(new RoomConnection("b1", "node-b", bob), RoomAccess.Open);
        await presence.EnterAsync(new RoomConnection("b2", "node-b", bob), RoomAccess.Open);

        await nodeA.WaitUntilAsync(e => e.OfType<MemberEntered>().Count() == 2);
        await presence.RevokeAsync(new RoomRevocation([bob.UserId], [], "forbidden", "You were removed."));

        var events = await nodeA.WaitUntilAsync(e => e.OfType<MemberLeft>().Any());
        var left = events.OfType<MemberLeft>().Single();
        Assert.Equal(bob.UserId, left.Member!.UserId);
        Assert.Empty(nodeA.Evictions);
        var eviction = await nodeB.WaitForEvictionAsync();
        Assert.Equal(["b1", "b2"], eviction.ConnectionIds.Order().ToArray());
        Assert.Equal("forbidden", eviction.Code);
        Assert.Equal([alice.UserId], (await presence.GetSnapshotAsync("northwind")).Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task MembersOfACountedOrganization_AreOnlyCountedInOtherOrganizationsSnapshots()
    {
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var presence = fixture.Grains.GetRoomPresence(room);
        var access = new RoomAccess(["contoso"]);
        var alice = Members.New("Alice", "northwind");
        var bob = Members.New("Bob", "contoso");
        await presence.EnterAsync(new RoomConnection("a1", "node-a", alice), access);
        await presence.EnterAsync(new RoomConnection("b1", "node-a", bob), access);

        var forNorthwind = await presence.GetSnapshotAsync("northwind");
        var forContoso = await presence.GetSnapshotAsync("contoso");

        Assert.Equal([alice.UserId], forNorthwind.Members.Select(m => m.UserId));
        Assert.Equal(1, forNorthwind.CountsByOrganization["contoso"]);
        Assert.Equal(2, forContoso.Members.Length);
    }

    [Fact]
    public async Task Resume_ReplaysWhatTheBufferStillHolds_AndOtherwiseGivesASnapshot()
    {
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var presence = fixture.Grains.GetRoomPresence(room);
        var alice = Members.New("Alice", "northwind");
        for (var i = 0; i < 5; i++)
        {
            await presence.PublishAsync([new PresenceReset(0)]); // any content event; the room stamps seq 1..5
        }

        var epoch = (await presence.GetSnapshotAsync("northwind")).Epoch;
        var recent = await presence.ResumeAsync(new RoomConnection("a1", "node-a", alice), RoomAccess.Open, epoch, afterSeq: 3);
        var upToDate = await presence.ResumeAsync(new RoomConnection("a1", "node-a", alice), RoomAccess.Open, epoch, afterSeq: 5);
        var tooFarBehind = await presence.ResumeAsync(new RoomConnection("a1", "node-a", alice), RoomAccess.Open, epoch, afterSeq: 1);
        var otherEpoch = await presence.ResumeAsync(new RoomConnection("a1", "node-a", alice), RoomAccess.Open, "not-this-epoch", afterSeq: 4);

        // The buffer keeps 3 events (3, 4, 5) in this cluster's settings.
        Assert.True(recent.Resumed);
        Assert.Equal([4L, 5L], recent.Missed.Select(e => e.Seq));
        Assert.True(upToDate.Resumed);
        Assert.Empty(upToDate.Missed);
        Assert.False(tooFarBehind.Resumed);
        Assert.False(otherEpoch.Resumed);
        Assert.Equal([alice.UserId], otherEpoch.Snapshot.Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task ASignalFromAConnectionTheRoomDoesNotHold_IsDropped_AndTheNextGoodOneIsNumberedNext()
    {
        // Signals are one-way: the gateway refuses what it can see, and the grain drops what slipped past it
        // (a connection evicted while its signal was on its way, a payload the gateway should have refused).
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var presence = fixture.Grains.GetRoomPresence(room);
        var node = new RecordingObserver();
        await presence.SubscribeAsync("node-a", fixture.Client.CreateObjectReference<IGatewayObserver>(node), TimeSpan.FromMinutes(1));
        var alice = Members.New("Alice", "northwind");
        await presence.EnterAsync(new RoomConnection("c1", "node-a", alice), RoomAccess.Open);
        await node.WaitForAsync(1);

        await presence.SignalAsync("evicted", "from a connection the room does not hold");
        await presence.SignalAsync("c1", "");
        await presence.SignalAsync("c1", new string('x', Common.Limits.SignalLength + 1));
        await presence.SignalAsync("c1", "fine");
        var events = await node.WaitForAsync(2);

        var signal = Assert.IsType<SignalSent>(events[1]);
        Assert.Equal(("fine", alice.UserId, 2L), (signal.Payload, signal.UserId, signal.Seq));
        Assert.Equal([alice.UserId], (await presence.GetSnapshotAsync("northwind")).Members.Select(m => m.UserId));
    }

    private sealed class RecordingObserver : IGatewayObserver
    {
        private readonly ConcurrentQueue<RoomEvent> _events = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public ConcurrentQueue<RoomEviction> Evictions { get; } = new();

        private readonly SemaphoreSlim _evicted = new(0);

        public Task EvictConnectionsAsync(RoomEviction eviction)
        {
            Evictions.Enqueue(eviction);
            _evicted.Release();
            return Task.CompletedTask;
        }

        public async Task<RoomEviction> WaitForEvictionAsync()
        {
            if (!await _evicted.WaitAsync(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("No eviction reached the observer within 30 s.");
            }

            return Evictions.First();
        }

        public int Batches { get; private set; }

        public Task ReceiveRoomEventsAsync(RoomEventBatch batch)
        {
            Batches++;
            foreach (var roomEvent in batch.Events)
            {
                _events.Enqueue(roomEvent);
                _arrived.Release();
            }

            return Task.CompletedTask;
        }

        /// <summary>Waits until the events received so far satisfy <paramref name="condition"/>.</summary>
        public async Task<List<RoomEvent>> WaitUntilAsync(Func<List<RoomEvent>, bool> condition)
        {
            while (!condition([.. _events]))
            {
                if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(30)))
                {
                    throw new TimeoutException($"The awaited room events did not arrive within 30 s ({_events.Count} arrived).");
                }
            }

            return [.. _events];
        }

        /// <summary>Waits until at least <paramref name="count"/> events have arrived in all.</summary>
        public Task<List<RoomEvent>> WaitForAsync(int count) => WaitUntilAsync(e => e.Count >= count);
    }
}
