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
        var reference = fixture.Client.CreateObjectReference<IGatewayObserver>(node);
        await presence.SubscribeAsync("node-a", reference, TimeSpan.FromMinutes(1));
        var alice = Members.New("Alice", "northwind");
        var bob = Members.New("Bob", "contoso");

        await presence.EnterAsync(new RoomConnection("c1", "node-a", alice), RoomAccess.Open);
        await presence.EnterAsync(new RoomConnection("c2", "node-a", alice), RoomAccess.Open); // a second tab: no event
        var snapshot = await presence.EnterAsync(new RoomConnection("c3", "node-a", bob), RoomAccess.Open);
        await presence.LeaveAsync("c1"); // Alice still has c2: no event
        await presence.LeaveAsync("c2");
        await presence.LeaveAsync("c2"); // twice: nothing

        var events = await node.WaitForAsync(3);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Seq));
        Assert.IsType<MemberEntered>(events[0]);
        Assert.Equal(alice.UserId, ((MemberEntered)events[0]).Member!.UserId);
        Assert.Equal(bob.UserId, ((MemberEntered)events[1]).Member!.UserId);
        Assert.Equal(alice.UserId, Assert.IsType<MemberLeft>(events[2]).Member!.UserId);
        Assert.Equal(2, snapshot.Seq);
        Assert.Equal(2, snapshot.Members.Length);
        Assert.Equal(1, snapshot.CountsByOrganization["contoso"]);
        Assert.Equal([bob.UserId], (await presence.GetSnapshotAsync("northwind")).Members.Select(m => m.UserId));
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
        var events = await survivor.WaitForAsync(3);

        var left = Assert.IsType<MemberLeft>(events[2]);
        Assert.Equal(bob.UserId, left.Member!.UserId);
        Assert.Equal([alice.UserId], (await presence.GetSnapshotAsync("northwind")).Members.Select(m => m.UserId));
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

        await presence.RevokeAsync(new RoomRevocation([bob.UserId], null, "forbidden", "You were removed."));

        var events = await nodeA.WaitForAsync(3);
        var left = Assert.IsType<MemberLeft>(events[2]);
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

        public Task ReceiveRoomEventsAsync(RoomEventBatch batch)
        {
            foreach (var roomEvent in batch.Events)
            {
                _events.Enqueue(roomEvent);
                _arrived.Release();
            }

            return Task.CompletedTask;
        }

        public async Task<List<RoomEvent>> WaitForAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(30)))
                {
                    throw new TimeoutException($"Only {_events.Count} of {count} room events arrived at the observer within 30 s.");
                }
            }

            return [.. _events];
        }
    }
}
