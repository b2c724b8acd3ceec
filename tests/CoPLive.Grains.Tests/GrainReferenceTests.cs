using CoPLive.Rooms;

namespace CoPLive.Grains.Tests;

/// <summary>
/// References made from the grain types resolved once (<see cref="GrainFactoryExtensions.GetByKey{TGrain}"/>) reach
/// the same grain as Orleans' own <c>GetGrain</c>, through the same interface.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferenceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AReferenceFromTheResolvedTypes_IsTheGrainOrleansResolves()
    {
        var room = RoomId.ForCommunity(Members.NewId("c"));
        var first = fixture.Grains.GetRoomPresence(room);
        var again = fixture.Grains.GetRoomPresence(room);
        var orleans = fixture.Grains.GetGrain<IRoomPresenceGrain>(room.ToString());

        Assert.Equal(orleans.GetGrainId(), again.GetGrainId());
        Assert.Equal(((GrainReference)(object)orleans).InterfaceType, ((GrainReference)(object)again).InterfaceType);
        Assert.Equal(first.GetGrainId(), again.GetGrainId());
        Assert.NotEqual(fixture.Grains.GetThread(room.Id).GetGrainId(), fixture.Grains.GetDocument(room.Id).GetGrainId());

        // A call through the made reference reaches the grain the other reference sees.
        await again.EnterAsync(new RoomConnection("c1", "node-a", Members.New("Alice", "northwind")), RoomAccess.Open);
        Assert.Single((await orleans.GetSnapshotAsync("northwind")).Members);
    }
}
