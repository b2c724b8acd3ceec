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
        var settings = TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, clusterId);
        await using var nodeA = await TestGateway.StartAsync(settings);
        var contoso = CoPLiveIds.New("contoso");
        var aliceToken = await nodeA.TokenAsync("alice", "Alice", CoPLiveIds.New("northwind"));
        await nodeA.TokenAsync("bob", "Bob", contoso); // registers contoso
        using var aliceHttp = nodeA.Client(aliceToken);
        var community = (await (await aliceHttp.PostAsJsonAsync("/api/communities", new { name = "Pit slopes", domain = "mining" }))
            .Content.ReadFromJsonAsync<CommunityDetails>(Json.Options))!;
        (await aliceHttp.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = contoso })).EnsureSuccessStatusCode();
        var room = RoomId.ForCommunity(community.Id).ToString();

        // Alice enters while node A is the only silo, so the room's grain lives on node A: this test is about the
        // dead gateway node, not about a dead silo's grains (which wait for Orleans' own failure detection).
        await using var aliceHub = nodeA.Hub(aliceToken);
        await aliceHub.StartAsync();
        using var aliceView = new RoomWatcher(aliceHub, room);
        await aliceView.EnterAsync(aliceHub);

        var nodeBSettings = new Dictionary<string, string?>(settings)
        {
            ["CoPLive:Orleans:SiloPort"] = FreePorts.Next().ToString(),
            ["CoPLive:Orleans:GatewayPort"] = FreePorts.Next().ToString(),
        };
        await using var nodeB = await GatewayProcess.StartAsync(nodeBSettings);
        using var bHttp = new HttpClient { BaseAddress = nodeB.Address };
        var bobToken = (await (await bHttp.PostAsJsonAsync("/api/dev/token", new { userId = "bob", displayName = "Bob", organizationId = contoso }))
            .Content.ReadFromJsonAsync<Gateway.Api.DevTokenResponse>())!.Token;
        bHttp.DefaultRequestHeaders.Authorization = new("Bearer", bobToken);
        (await bHttp.PostAsync($"/api/communities/{community.Id}/join", null)).EnsureSuccessStatusCode();
        var bobHub = new HubConnectionBuilder()
            .WithUrl(new Uri(nodeB.Address, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(bobToken))
            .Build();
        await bobHub.StartAsync();
        await bobHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
        await aliceView.WaitForPresentAsync("bob");

        await nodeB.KillAsync();

        // Node B's subscription expires and the room's grain takes Bob out, with no one telling the server he
        // left. (Should the room's epoch change meanwhile, e.g. as the grain directory rebalances when nodes come
        // and go, Alice takes a fresh snapshot, as a client would.)
        var deadline = DateTime.UtcNow.AddMinutes(2);
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
