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

        await presence.EnterAsync(new RoomConnection("c1", "node-a", alice));
        await presence.EnterAsync(new RoomConnection("c2", "node-a", alice)); // a second tab: no event
        var snapshot = await presence.EnterAsync(new RoomConnection("c3", "node-a", bob));
        await presence.LeaveAsync("c1"); // Alice still has c2: no event
        await presence.LeaveAsync("c2");
        await presence.LeaveAsync("c2"); // twice: nothing

        var events = await node.WaitForAsync(3);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Seq));
        Assert.IsType<MemberEntered>(events[0]);
        Assert.Equal(alice.UserId, ((MemberEntered)events[0]).Member.UserId);
        Assert.Equal(bob.UserId, ((MemberEntered)events[1]).Member.UserId);
        Assert.Equal(alice.UserId, Assert.IsType<MemberLeft>(events[2]).Member.UserId);
        Assert.Equal(2, snapshot.Seq);
        Assert.Equal(2, snapshot.Members.Length);
        Assert.Equal(1, snapshot.CountsByOrganization["contoso"]);
        Assert.Equal([bob.UserId], (await presence.GetSnapshotAsync()).Members.Select(m => m.UserId));
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
        await presence.EnterAsync(new RoomConnection("a1", "node-a", alice));
        await presence.EnterAsync(new RoomConnection("b1", "node-dead", bob));

        // node-dead never renews: the grain's sweep removes Bob.
        var events = await survivor.WaitForAsync(3);

        var left = Assert.IsType<MemberLeft>(events[2]);
        Assert.Equal(bob.UserId, left.Member.UserId);
        Assert.Equal([alice.UserId], (await presence.GetSnapshotAsync()).Members.Select(m => m.UserId));
    }

    private sealed class RecordingObserver : IGatewayObserver
    {
        private readonly ConcurrentQueue<RoomEvent> _events = new();
        private readonly SemaphoreSlim _arrived = new(0);

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
