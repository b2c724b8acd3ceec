using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Testing;
using CoPLive.Threads;

namespace CoPLive.Cluster.Tests;

/// <summary>Thread search on a cluster node: PostgreSQL full-text search, filtered by the thread grains' audiences.</summary>
public sealed class ThreadSearchTests
{
    [Fact]
    public async Task Search_NeverReturnsAPostOutsideTheCallersAudience_OnPostgreSql()
    {
        await using var gateway = await TestGateway.StartAsync(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, $"search-{Guid.NewGuid():n}"));
        var northwind = CoPLiveIds.New("northwind");
        var contoso = CoPLiveIds.New("contoso");
        using var alice = gateway.Client(await gateway.TokenAsync(CoPLiveIds.New("alice"), "Alice", northwind));
        using var bob = gateway.Client(await gateway.TokenAsync(CoPLiveIds.New("bob"), "Bob", contoso));
        var community = await ApiResponses.OkAsync<CommunityDetails>(await alice.PostAsJsonAsync("/api/communities", new { name = "Hydraulics", domain = "mining" }));
        await ApiResponses.OkAsync<CommunityDetails>(await alice.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = contoso }));
        await ApiResponses.OkAsync<JoinResult>(await bob.PostAsync($"/api/communities/{community.Id}/join", null));
        var threads = $"/api/communities/{community.Id}/threads";
        var open = await ApiResponses.OkAsync<ThreadView>(await alice.PostAsJsonAsync(threads, new { title = "Hydraulic pump whining", kind = "question", body = "The pump whines when cold." }));
        var restricted = await ApiResponses.OkAsync<ThreadView>(await alice.PostAsJsonAsync(
            threads, new { title = "Northwind pump contract", kind = "discussion", body = "Our pump supplier's prices.", audience = new { organizations = new[] { northwind } } }));
        var answer = await ApiResponses.OkAsync<ThreadPost>(await bob.PostAsJsonAsync($"/api/threads/{open.Thread.Id}/posts", new { body = "Bleed the pumps, then check the hydraulic oil." }));
        var removed = await ApiResponses.OkAsync<ThreadPost>(await alice.PostAsJsonAsync($"/api/threads/{open.Thread.Id}/posts", new { body = "A pump trick I regret." }));
        await ApiResponses.OkAsync<ThreadPost>(await alice.PostAsJsonAsync($"/api/threads/{open.Thread.Id}/posts/{removed.Id}/remove", new { reason = "wrong" }));
        var search = $"{threads}/search?q=";

        var forBob = await ApiResponses.OkAsync<ThreadSearchHit[]>(await bob.GetAsync(search + "pump"));
        var forAlice = await ApiResponses.OkAsync<ThreadSearchHit[]>(await alice.GetAsync(search + "pumps"));
        var bothWords = await ApiResponses.OkAsync<ThreadSearchHit[]>(await bob.GetAsync(search + Uri.EscapeDataString("hydraulic oil")));
        var syntax = await ApiResponses.OkAsync<ThreadSearchHit[]>(await bob.GetAsync(search + Uri.EscapeDataString("pump & !( | :*")));

        Assert.Equal(new[] { (open.Thread.Id, "p1"), (open.Thread.Id, answer.Id) }.Order(), forBob.Select(h => (h.ThreadId, h.PostId)).Order());
        Assert.DoesNotContain(forBob, h => h.ThreadId == restricted.Thread.Id);
        Assert.Contains(forAlice, h => h.ThreadId == restricted.Thread.Id);
        Assert.DoesNotContain(forAlice, h => h.PostId == removed.Id && h.ThreadId == open.Thread.Id);
        Assert.Equal([(open.Thread.Id, answer.Id)], bothWords.Select(h => (h.ThreadId, h.PostId)));
        Assert.Contains("hydraulic oil", bothWords[0].Snippet, StringComparison.Ordinal);
        Assert.Equal(forBob.Length, syntax.Length);

        var rebuilt = await ApiResponses.OkAsync<ThreadIndexRebuilt>(await alice.PostAsync($"{threads}/reindex", null));
        var again = await ApiResponses.OkAsync<ThreadSearchHit[]>(await bob.GetAsync(search + "pump"));
        Assert.Equal((2, 3), (rebuilt.Threads, rebuilt.Posts));
        Assert.Equal(forBob.Select(h => (h.ThreadId, h.PostId)).Order(), again.Select(h => (h.ThreadId, h.PostId)).Order());
    }
}
