using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Rooms;
using CoPLive.Testing;

namespace CoPLive.Cluster.Tests;

/// <summary>Two gateway nodes, each co-hosting a silo, in one cluster on PostgreSQL clustering and storage.</summary>
public sealed class TwoNodeClusterTests : IAsyncLifetime
{
    private TestGateway _nodeA = null!;
    private TestGateway _nodeB = null!;

    public async Task InitializeAsync()
    {
        var clusterId = $"two-{Guid.NewGuid():n}";
        _nodeA = await TestGateway.StartAsync(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, clusterId));
        _nodeB = await TestGateway.StartAsync(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, clusterId));
    }

    public async Task DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
    }

    [Fact]
    public async Task AClientOnNodeA_SeesTheClientOnNodeB_ArriveAndLeave()
    {
        var northwind = CoPLiveIds.New("northwind");
        var contoso = CoPLiveIds.New("contoso");
        var aliceToken = await _nodeA.TokenAsync("alice", "Alice", northwind);
        var bobToken = await _nodeB.TokenAsync("bob", "Bob", contoso);

        // Written through node A, read and joined through node B: one cluster, one storage.
        using var aliceHttp = _nodeA.Client(aliceToken);
        using var bobHttp = _nodeB.Client(bobToken);
        var created = await aliceHttp.PostAsJsonAsync("/api/communities", new { name = "Haul roads", domain = "mining" });
        var community = (await created.Content.ReadFromJsonAsync<CommunityDetails>(Json.Options))!;
        (await aliceHttp.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = contoso })).EnsureSuccessStatusCode();
        (await bobHttp.PostAsync($"/api/communities/{community.Id}/join", null)).EnsureSuccessStatusCode();

        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var aliceHub = _nodeA.Hub(aliceToken);
        await using var bobHub = _nodeB.Hub(bobToken);
        await aliceHub.StartAsync();
        await bobHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        using var bobView = new RoomWatcher(bobHub, room);
        await aliceView.EnterAsync(aliceHub);
        await bobView.EnterAsync(bobHub);

        await aliceView.WaitForPresentAsync("bob");
        Assert.Contains("alice", bobView.PresentUserIds);

        await bobHub.StopAsync();

        await aliceView.WaitForAbsentAsync("bob");
        var left = Assert.IsType<MemberLeft>(aliceView.Events.Last());
        Assert.Equal(contoso, left.Member.OrganizationId);
    }
}
