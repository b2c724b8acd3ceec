using CoPLive.Gateway.Live;
using CoPLive.Rooms;

namespace CoPLive.Gateway.Tests;

/// <summary>How a room's lane merges what piled up while a send was in flight.</summary>
public sealed class RoomLaneTests
{
    private static RoomEventBatch Batch(string epoch, params long[] seqs) =>
        new("community:c", epoch, [.. seqs.Select(s => (RoomEvent)new PresenceReset(s))]);

    [Fact]
    public void ALane_KnowsWhetherItIsIdle_SoAnIdleOneCanRetire()
    {
        // Each room's pump asks this after 30 s without work; it used to throw (a single-reader channel cannot
        // count), which stopped the pump and left the room's lane on that node taking events nobody sent.
        var lane = new RoomLane("community:c");
        Assert.True(lane.IsIdle);

        lane.TryWrite(Batch("e1", 1));
        lane.TryWrite(new RoomEviction("community:c", ["x"], "forbidden", "removed"));
        Assert.False(lane.IsIdle);

        Assert.IsType<RoomEventBatch>(lane.TakeNext()); // the eviction is carried, not yet sent
        Assert.False(lane.IsIdle);
        Assert.IsType<RoomEviction>(lane.TakeNext());
        Assert.True(lane.IsIdle);
    }

    [Fact]
    public void WaitingBatchesOfOneEpoch_GoOutAsOne_InOrder()
    {
        var lane = new RoomLane("community:c");
        lane.TryWrite(Batch("e1", 1));
        lane.TryWrite(Batch("e1", 2, 3));
        lane.TryWrite(Batch("e1", 4));

        var merged = Assert.IsType<RoomEventBatch>(lane.TakeNext());

        Assert.Equal([1L, 2, 3, 4], merged.Events.Select(e => e.Seq));
        Assert.Null(lane.TakeNext());
    }

    [Fact]
    public void AnEvictionOrANewEpoch_IsNeverMergedAcross()
    {
        var lane = new RoomLane("community:c");
        var eviction = new RoomEviction("community:c", ["x"], "forbidden", "removed");
        lane.TryWrite(Batch("e1", 1));
        lane.TryWrite(eviction);
        lane.TryWrite(Batch("e1", 2));
        lane.TryWrite(Batch("e2", 1));

        Assert.Equal([1L], Assert.IsType<RoomEventBatch>(lane.TakeNext()).Events.Select(e => e.Seq));
        Assert.Same(eviction, lane.TakeNext());
        Assert.Equal("e1", Assert.IsType<RoomEventBatch>(lane.TakeNext()).Epoch);
        Assert.Equal("e2", Assert.IsType<RoomEventBatch>(lane.TakeNext()).Epoch);
        Assert.Null(lane.TakeNext());
    }

    [Fact]
    public void OneSend_CarriesAtMostTheCap_AndTheRestFollows()
    {
        var lane = new RoomLane("community:c");
        for (var seq = 1; seq <= RoomLane.MaxEventsPerSend + 10; seq++)
        {
            lane.TryWrite(Batch("e1", seq));
        }

        var first = Assert.IsType<RoomEventBatch>(lane.TakeNext());
        var second = Assert.IsType<RoomEventBatch>(lane.TakeNext());

        Assert.Equal(RoomLane.MaxEventsPerSend, first.Events.Length);
        Assert.Equal(Enumerable.Range(RoomLane.MaxEventsPerSend + 1, 10).Select(i => (long)i), second.Events.Select(e => e.Seq));
    }
}
