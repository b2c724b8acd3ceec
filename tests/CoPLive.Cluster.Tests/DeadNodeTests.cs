using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace CoPLive.Cluster.Tests;

/// <summary>
/// A gateway node (co-hosting a silo) killed with SIGKILL drops out of its rooms on its own. Both nodes are
/// child processes, so what each saw (subscriptions expiring or lapsing, the room's grain activating, the
/// cluster declaring the node dead) is in the test's output.
/// </summary>
public sealed class DeadNodeTests(ITestOutputHelper output)
{
    /// <summary>
    /// Generous on purpose: on a starved machine the survivor's renewals, and Orleans declaring the killed silo
    /// dead (which deactivates grains whose directory entry it held), can take minutes. The test waits for a
    /// signal; this only bounds how long it waits.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task AKilledNode_DropsOutOfTheRoom_AndTheSurvivorsSeeItsMembersGo()
    {
        var clusterId = $"dead-{Guid.NewGuid():n}";
        var settings = NodeSettings(clusterId);
        await using var nodeA = await GatewayProcess.StartAsync(settings);
        GatewayProcess? nodeB = null;
        try
        {
            var contoso = CoPLiveIds.New("contoso");
            var aliceToken = await nodeA.TokenAsync("alice", "Alice", CoPLiveIds.New("northwind"));
            var carolToken = await nodeA.TokenAsync("carol", "Carol", contoso);
            using var aliceHttp = nodeA.Client(aliceToken);
            var created = await aliceHttp.PostAsJsonAsync("/api/communities", new { name = "Pit slopes", domain = "mining" });
            var community = (await created.Content.ReadFromJsonAsync<CommunityDetails>(Json.Options))!;
            (await aliceHttp.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = contoso })).EnsureSuccessStatusCode();
            using (var carolHttp = nodeA.Client(carolToken))
            {
                (await carolHttp.PostAsync($"/api/communities/{community.Id}/join", null)).EnsureSuccessStatusCode();
            }

            var room = RoomId.ForCommunity(community.Id).ToString();

            // Alice and Carol enter through node A while it is the only silo, so the room's grain starts there.
            // Whether it stays there depends on which silo holds its grain-directory entry once node B joins
            // (Orleans deactivates a grain whose entry died with its silo); the test holds either way.
            await using var aliceHub = nodeA.Hub(aliceToken);
            await using var carolHub = nodeA.Hub(carolToken);
            aliceHub.Closed += e => Noted($"Alice's connection closed: {e?.Message ?? "by the client"}");
            carolHub.Closed += e => Noted($"Carol's connection closed: {e?.Message ?? "by the client"}");
            await aliceHub.StartAsync();
            await carolHub.StartAsync();
            Note($"Alice is connection {aliceHub.ConnectionId}, Carol {carolHub.ConnectionId} (node A)");
            using var aliceView = new RoomWatcher(aliceHub, room);
            await aliceView.EnterAsync(aliceHub);
            await carolHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);

            nodeB = await GatewayProcess.StartAsync(TestGateway.WithOwnPorts(settings));
            var bobToken = await nodeB.TokenAsync("bob", "Bob", contoso);
            using (var bobHttp = nodeB.Client(bobToken))
            {
                (await bobHttp.PostAsync($"/api/communities/{community.Id}/join", null)).EnsureSuccessStatusCode();
            }

            var bobHub = nodeB.Hub(bobToken);
            await bobHub.StartAsync();
            await bobHub.InvokeAsync<PresenceSnapshot>("EnterRoom", room);
            await FollowUntilAsync(aliceView, aliceHub, w => w.PresentUserIds.Contains("bob"), "Alice (node A) sees Bob (node B) enter", nodeA, nodeB);

            Note("killing node B");
            await nodeB.KillAsync();

            // No one tells the server Bob left: node B's subscription expires and the room's grain takes him out.
            // If the grain is re-activated meanwhile (node B held its directory entry), node A enters Alice and
            // Carol again within a renewal period, and Alice takes a fresh snapshot, as a client would; so what
            // she must come to see is the survivors, without Bob.
            await FollowUntilAsync(
                aliceView,
                aliceHub,
                w => !w.PresentUserIds.Contains("bob") && w.PresentUserIds.Contains("alice") && w.PresentUserIds.Contains("carol"),
                "Alice sees Bob leave after node B was killed, with herself and Carol (node A) still present",
                nodeA,
                nodeB);

            // A snapshot taken now agrees, once the room is whole: if that snapshot is the first call to reach a
            // re-activated grain, node A enters Carol again at its next renewal, and Alice sees her come.
            var fresh = await EnterAsync(aliceView, aliceHub, DateTime.UtcNow + Patience);
            Assert.Contains("alice", fresh.Members.Select(m => m.UserId));
            Assert.DoesNotContain("bob", fresh.Members.Select(m => m.UserId));
            await FollowUntilAsync(
                aliceView,
                aliceHub,
                w => !w.PresentUserIds.Contains("bob") && w.PresentUserIds.Contains("alice") && w.PresentUserIds.Contains("carol"),
                "after a fresh snapshot, Alice sees the survivors (herself and Carol) and not Bob",
                nodeA,
                nodeB);
            await bobHub.DisposeAsync().AsTask().ContinueWith(_ => { }, TaskScheduler.Default); // its server is gone
        }
        finally
        {
            if (nodeB is not null)
            {
                await nodeB.DisposeAsync();
                output.WriteLine($"--- node B ---\n{nodeB.Output}");
            }

            output.WriteLine($"--- node A ---\n{nodeA.Output}");
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds in Alice's view. When her view learns it missed events (a
    /// new epoch, or a gap in sequence numbers), she takes a fresh snapshot, as a client would, and goes on.
    /// </summary>
    private async Task FollowUntilAsync(
        RoomWatcher view, HubConnection hub, Func<RoomWatcher, bool> condition, string what, GatewayProcess nodeA, GatewayProcess nodeB)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition(view))
        {
            var left = deadline - DateTime.UtcNow;
            try
            {
                await view.WaitUntilAsync(w => condition(w) || w.EpochChanged || w.GapSeen, what, left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1));
            }
            catch (TimeoutException exception)
            {
                throw new TimeoutException(
                    $"{exception.Message}\nAlice's events: {string.Join(", ", view.Events.Select(e => $"{e.Seq}:{e.GetType().Name}"))}" +
                    $"\n--- node A ---\n{nodeA.Output}\n--- node B ---\n{nodeB.Output}",
                    exception);
            }

            if (!condition(view))
            {
                Note($"Alice enters again (epoch changed: {view.EpochChanged}, gap: {view.GapSeen})");
                await EnterAsync(view, hub, deadline);
            }
        }

        Note(what);
    }

    /// <summary>
    /// Enters the room as a client would: while the cluster has not yet declared node B dead, a call that needs
    /// it is refused with <c>unavailable</c>, and the client asks again (each attempt waits out Orleans' own retries).
    /// </summary>
    private async Task<PresenceSnapshot> EnterAsync(RoomWatcher view, HubConnection hub, DateTime deadline)
    {
        while (true)
        {
            try
            {
                return await view.EnterAsync(hub);
            }
            catch (HubException exception) when (exception.Message.Contains($"{ErrorCodes.Unavailable}:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                Note($"EnterRoom refused, Alice asks again: {exception.Message}");
            }
        }
    }

    private Task Noted(string what)
    {
        Note(what);
        return Task.CompletedTask;
    }

    private void Note(string what) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");

    /// <summary>
    /// A cluster node on PostgreSQL. Subscriptions live 6 s (renewed every 2 s), so a renewal late on this
    /// shared machine lapses now and then, which the node must repair. Failure detection as in
    /// <see cref="DeadNodeSettings"/>; the live layer's and SignalR's Debug lines in the output.
    /// </summary>
    private static Dictionary<string, string?> NodeSettings(string clusterId) =>
        new(DeadNodeSettings.For(clusterId))
        {
            ["Logging:LogLevel:CoPLive.Gateway.Live"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore.SignalR"] = "Debug",
            ["Logging:LogLevel:Orleans.Runtime.Catalog"] = "Information",
        };
}
