using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Cluster.Tests;

/// <summary>A gateway node (co-hosting a silo) killed with SIGKILL drops out of its rooms on its own.</summary>
public sealed class DeadNodeTests
{
    [Fact]
    public async Task AKilledNode_DropsOutOfTheRoom_AndTheOthersSeeItsMembersGo()
    {
        var clusterId = $"dead-{Guid.NewGuid():n}";
        await using var nodeA = await TestGateway.StartAsync(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, clusterId));
        await using var nodeB = await GatewayProcess.StartAsync(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, clusterId));
        var contoso = CoPLiveIds.New("contoso");
        var aliceToken = await nodeA.TokenAsync("alice", "Alice", CoPLiveIds.New("northwind"));
        using var bHttp = new HttpClient { BaseAddress = nodeB.Address };
        var bobToken = (await (await bHttp.PostAsJsonAsync("/api/dev/token", new { userId = "bob", displayName = "Bob", organizationId = contoso }))
            .Content.ReadFromJsonAsync<Gateway.Api.DevTokenResponse>())!.Token;
        using var aliceHttp = nodeA.Client(aliceToken);
        var community = (await (await aliceHttp.PostAsJsonAsync("/api/communities", new { name = "Pit slopes", domain = "mining" }))
            .Content.ReadFromJsonAsync<CommunityDetails>(Json.Options))!;
        (await aliceHttp.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = contoso })).EnsureSuccessStatusCode();
        bHttp.DefaultRequestHeaders.Authorization = new("Bearer", bobToken);
        (await bHttp.PostAsync($"/api/communities/{community.Id}/join", null)).EnsureSuccessStatusCode();
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var aliceHub = nodeA.Hub(aliceToken);
        var bobHub = new HubConnectionBuilder()
            .WithUrl(new Uri(nodeB.Address, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(bobToken))
            .Build();
        await aliceHub.StartAsync();
        await bobHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        await aliceView.EnterAsync(aliceHub);
        await bobHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        await aliceView.WaitForPresentAsync("bob");

        await nodeB.KillAsync();

        // If the room's grain lived on node A, node B's subscription expires and Bob leaves. If it lived on node B,
        // it died with it: node A enters its connections into a new activation, and the new epoch tells Alice to
        // take a fresh snapshot. (The epoch can also change for other reasons, e.g. when the grain directory
        // rebalances as nodes come and go; Alice then simply takes another snapshot.) Either way Bob is gone, with
        // no one telling the server he left.
        // A bound, not a speed claim: when the grain died with node B, recovery waits for the cluster to declare
        // node B's silo dead (Orleans' probes), and then for node A's next renewal.
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (aliceView.PresentUserIds.Contains("bob"))
        {
            await aliceView.WaitUntilAsync(
                w => !w.PresentUserIds.Contains("bob") || w.EpochChanged,
                "Alice sees Bob go, or learns that the room's grain restarted",
                TimeSpan.FromTicks(Math.Max(1, (deadline - DateTime.UtcNow).Ticks)));
            if (aliceView.EpochChanged)
            {
                var fresh = await aliceView.EnterAsync(aliceHub);
                Assert.Contains("alice", fresh.Members.Select(m => m.UserId));
            }
        }

        Assert.DoesNotContain("bob", aliceView.PresentUserIds);
        await bobHub.DisposeAsync().AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
