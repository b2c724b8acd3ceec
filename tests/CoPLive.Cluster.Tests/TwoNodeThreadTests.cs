using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Notifications;
using CoPLive.Rooms;
using CoPLive.Testing;
using CoPLive.Threads;

namespace CoPLive.Cluster.Tests;

/// <summary>Threads across two gateway nodes (each co-hosting a silo) of one cluster on PostgreSQL.</summary>
public sealed class TwoNodeThreadTests : IAsyncLifetime
{
    private TestGateway _nodeA = null!;
    private TestGateway _nodeB = null!;

    public async Task InitializeAsync()
    {
        var clusterId = $"threads-{Guid.NewGuid():n}";
        _nodeA = await TestGateway.StartAsync(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, clusterId));
        _nodeB = await TestGateway.StartAsync(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, clusterId));
    }

    public async Task DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
    }

    [Fact]
    public async Task APostThroughNodeA_ReachesTheThreadRoom_AndTheMentionedMembersConnection_OnNodeB()
    {
        var northwind = CoPLiveIds.New("northwind");
        var contoso = CoPLiveIds.New("contoso");
        var bobId = CoPLiveIds.New("bob");
        var aliceToken = await _nodeA.TokenAsync(CoPLiveIds.New("alice"), "Alice", northwind);
        var bobToken = await _nodeB.TokenAsync(bobId, "Bob", contoso);
        using var alice = _nodeA.Client(aliceToken);
        using var bob = _nodeB.Client(bobToken);
        var community = await ApiResponses.OkAsync<CommunityDetails>(await alice.PostAsJsonAsync("/api/communities", new { name = "Haulage", domain = "mining" }));
        await ApiResponses.OkAsync<CommunityDetails>(await alice.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = contoso }));
        await ApiResponses.OkAsync<JoinResult>(await bob.PostAsync($"/api/communities/{community.Id}/join", null));
        var thread = await ApiResponses.OkAsync<ThreadView>(await alice.PostAsJsonAsync($"/api/communities/{community.Id}/threads", new { title = "Tyre wear", kind = "question", body = "Who measures it?" }));
        await using var bobHub = _nodeB.Hub(bobToken);
        await bobHub.StartAsync();
        using var bobThread = new RoomWatcher(bobHub, new RoomId(RoomKind.Thread, thread.Thread.Id).ToString());
        using var bobInbox = new RoomWatcher(bobHub, new RoomId(RoomKind.Member, bobId).ToString());
        await bobThread.EnterAsync(bobHub);
        await bobInbox.EnterAsync(bobHub);

        var post = await ApiResponses.OkAsync<ThreadPost>(await alice.PostAsJsonAsync($"/api/threads/{thread.Thread.Id}/posts", new { body = $"@{bobId}, you measured it last year?" }));

        await bobThread.WaitUntilAsync(w => w.Events.OfType<PostAdded>().Any(e => e.Post.Id == post.Id), "the post made through node A reaches Bob's thread room on node B");
        await bobInbox.WaitUntilAsync(w => w.Events.OfType<NotificationReceived>().Any(e => e.Notification.PostId == post.Id), "the mention reaches Bob's connection on node B");
        var unread = await ApiResponses.OkAsync<Notification[]>(await bob.GetAsync("/api/notifications?unread=true"));
        Assert.Equal([(NotificationKinds.Mention, post.Id)], unread.Select(n => (n.Kind, n.PostId)));
    }
}
