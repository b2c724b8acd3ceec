using System.Net;
using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Rooms;
using CoPLive.Testing;
using CoPLive.Threads;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Gateway.Tests;

/// <summary>
/// Every thread route and hub method, on a thread restricted to Alice's organization, against each caller who
/// must be refused: anonymous, a member of a non-admitted organization, a member outside the audience, a guest
/// and a plain member (for what only authors, askers or moderators may do). Each gets the right error, learns
/// nothing, and nothing changes.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    /// <summary>Who may call a thread route: readers (guests too), authors (not guests), moderators (or the post's author, or the asker), coordinators.</summary>
    public enum ThreadNeeds
    {
        Reader,
        Author,
        Moderator,
        Coordinator,
    }

    /// <summary>Routes on the thread ({thread}; p2 is Alice's answer) and on its community ({id}); a community route's audience is the community.</summary>
    public static TheoryData<string, string, string?, ThreadNeeds> ThreadRoutes => new()
    {
        { "GET", "/api/threads/{thread}", null, ThreadNeeds.Reader },
        { "POST", "/api/threads/{thread}/posts", "{\"body\":\"me too\"}", ThreadNeeds.Author },
        { "PUT", "/api/threads/{thread}/posts/p2", "{\"body\":\"changed\"}", ThreadNeeds.Moderator },
        { "GET", "/api/threads/{thread}/posts/p2/history", null, ThreadNeeds.Reader },
        { "POST", "/api/threads/{thread}/posts/p2/remove", "{\"reason\":\"spam\"}", ThreadNeeds.Moderator },
        { "POST", "/api/threads/{thread}/posts/p2/reactions/heart", null, ThreadNeeds.Reader },
        { "POST", "/api/threads/{thread}/accept", "{\"postId\":\"p2\"}", ThreadNeeds.Moderator },
        { "PUT", "/api/threads/{thread}/follow", null, ThreadNeeds.Reader },
        { "DELETE", "/api/threads/{thread}/follow", null, ThreadNeeds.Reader },
        { "POST", "/api/communities/{id}/threads", "{\"title\":\"t\",\"kind\":\"question\",\"body\":\"b\"}", ThreadNeeds.Author },
        { "GET", "/api/communities/{id}/threads", null, ThreadNeeds.Reader },
        { "GET", "/api/communities/{id}/threads/search?q=secret", null, ThreadNeeds.Reader },
        { "POST", "/api/communities/{id}/threads/reindex", null, ThreadNeeds.Coordinator },
    };

    /// <summary>Alice (coordinator, northwind) asked in a northwind-only question thread; Pat (northwind member), Gus (northwind guest), Bob (contoso, outside the audience), Eve (not admitted).</summary>
    private sealed record ThreadScene(Member Alice, Member Pat, Member Gus, Member Bob, Member Eve, string CommunityId, string ThreadId);

    [Theory]
    [MemberData(nameof(ThreadRoutes))]
    public async Task EachThreadRoute_RefusesThoseWhoMayNot_AndChangesNothing(string method, string template, string? body, ThreadNeeds needs)
    {
        var scene = await ThreadSceneAsync();
        var path = template.Replace("{id}", scene.CommunityId, StringComparison.Ordinal).Replace("{thread}", scene.ThreadId, StringComparison.Ordinal);
        var onThread = template.Contains("{thread}", StringComparison.Ordinal);
        var before = await ThreadSnapshotAsync(scene);

        await ApiAssert.ErrorAsync(await Requests.SendAsync(fixture.Gateway.Http, method, path, body), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await ApiAssert.ErrorAsync(await Requests.SendAsync(scene.Eve.Http, method, path, body), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        if (onThread)
        {
            await ApiAssert.ErrorAsync(await Requests.SendAsync(scene.Bob.Http, method, path, body), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        }

        if (needs >= ThreadNeeds.Author)
        {
            await ApiAssert.ErrorAsync(await Requests.SendAsync(scene.Gus.Http, method, path, body), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        if (needs >= ThreadNeeds.Moderator)
        {
            await ApiAssert.ErrorAsync(await Requests.SendAsync(scene.Pat.Http, method, path, body), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        Assert.Equal(before, await ThreadSnapshotAsync(scene));
    }

    [Fact]
    public async Task ThreadHubMethods_RefuseOutsidersAndGuests_AndOutsidersLearnNothing()
    {
        var scene = await ThreadSceneAsync();
        var room = new RoomId(RoomKind.Thread, scene.ThreadId).ToString();
        await using var eveHub = fixture.Gateway.Hub(scene.Eve.Token);
        await using var bobHub = fixture.Gateway.Hub(scene.Bob.Token);
        await using var gusHub = fixture.Gateway.Hub(scene.Gus.Token);
        await using var patHub = fixture.Gateway.Hub(scene.Pat.Token);
        await Task.WhenAll(eveHub.StartAsync(), bobHub.StartAsync(), gusHub.StartAsync(), patHub.StartAsync());
        var bobCommunity = new RoomWatcher(bobHub, RoomId.ForCommunity(scene.CommunityId).ToString());
        await bobCommunity.EnterAsync(bobHub);
        var bobInbox = new RoomWatcher(bobHub, new RoomId(RoomKind.Member, scene.Bob.UserId).ToString());
        await bobInbox.EnterAsync(bobHub);
        var before = await ThreadSnapshotAsync(scene);

        foreach (var outsider in new[] { eveHub, bobHub })
        {
            Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<PresenceSnapshot>("EnterRoom", room))));
            Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<ThreadPost>("AddPost", scene.ThreadId, "hi", null))));
            Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<ThreadPost>("EditPost", scene.ThreadId, "p2", "x"))));
            Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<ThreadPost>("RemovePost", scene.ThreadId, "p2", "x"))));
            Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<ReactionToggled>("ReactToPost", scene.ThreadId, "p2", "heart"))));
            Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<ThreadSummary>("AcceptAnswer", scene.ThreadId, "p2"))));
        }

        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => gusHub.InvokeAsync<ThreadPost>("AddPost", scene.ThreadId, "hi", null))));
        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => gusHub.InvokeAsync<ThreadPost>("RemovePost", scene.ThreadId, "p2", "x"))));
        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => patHub.InvokeAsync<ThreadPost>("EditPost", scene.ThreadId, "p2", "x"))));
        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => patHub.InvokeAsync<ThreadSummary>("AcceptAnswer", scene.ThreadId, "p2"))));
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(await Assert.ThrowsAsync<HubException>(() => patHub.InvokeAsync<PresenceSnapshot>("EnterRoom", new RoomId(RoomKind.Member, scene.Bob.UserId).ToString()))));
        Assert.Equal(before, await ThreadSnapshotAsync(scene));

        // What readers do in the thread (a post mentioning Bob, a reaction) reaches Bob nowhere: not in lists, search, rooms or notifications.
        await ApiAssert.OkAsync<ThreadPost>(await scene.Pat.Http.PostAsJsonAsync($"/api/threads/{scene.ThreadId}/posts", new { body = $"secret plan, @{scene.Bob.UserId}" }));
        await ApiAssert.OkAsync<ReactionToggled>(await scene.Gus.Http.PostAsync($"/api/threads/{scene.ThreadId}/posts/p2/reactions/heart", null));
        var probe = await ApiAssert.OkAsync<ThreadView>(await scene.Bob.Http.PostAsJsonAsync(
            $"/api/communities/{scene.CommunityId}/threads", new { title = "Probe", kind = "discussion", body = "secret?" }));
        var probePost = await ApiAssert.OkAsync<ThreadPost>(await scene.Alice.Http.PostAsJsonAsync($"/api/threads/{probe.Thread.Id}/posts", new { body = $"@{scene.Bob.UserId} no secrets here" }));
        await bobInbox.WaitUntilAsync(w => w.Events.OfType<Notifications.NotificationReceived>().Any(), "Bob is notified of the mention in the thread he may read");

        Assert.Equal([probePost.Id], bobInbox.Events.OfType<Notifications.NotificationReceived>().Select(e => e.Notification.PostId));
        Assert.Equal([probe.Thread.Id], (await ApiAssert.OkAsync<ThreadSummary[]>(await scene.Bob.Http.GetAsync($"/api/communities/{scene.CommunityId}/threads"))).Select(t => t.Id));
        Assert.Equal([probe.Thread.Id], (await ApiAssert.OkAsync<ThreadSearchHit[]>(await scene.Bob.Http.GetAsync($"/api/communities/{scene.CommunityId}/threads/search?q=secret"))).Select(h => h.ThreadId).Distinct());
        Assert.Equal([probe.Thread.Id], (await ApiAssert.OkAsync<Notifications.Notification[]>(await scene.Bob.Http.GetAsync("/api/notifications"))).Select(n => n.ThreadId));
        Assert.DoesNotContain(bobCommunity.Events, e => e is PostAdded or PostEdited or PostRemoved or PostReactionsTallied or AnswerAccepted);
    }

    private async Task<ThreadScene> ThreadSceneAsync()
    {
        var gateway = fixture.Gateway;
        var alice = await Member.SignInAsync(gateway, "Alice", CoPLiveIds.New("northwind"));
        var pat = await Member.SignInAsync(gateway, "Pat", alice.OrganizationId);
        var gus = await Member.SignInAsync(gateway, "Gus", alice.OrganizationId);
        var bob = await Member.SignInAsync(gateway, "Bob", CoPLiveIds.New("contoso"));
        var eve = await Member.SignInAsync(gateway, "Eve", CoPLiveIds.New("elsewhere"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await pat.JoinAsync(community.Id);
        await gus.JoinAsync(community.Id);
        await bob.JoinAsync(community.Id);
        await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{gus.UserId}/role", new { role = "guest" });
        var thread = await ApiAssert.OkAsync<ThreadView>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/threads",
            new { title = "A secret question", kind = "question", body = "Our secret supplier fails.", audience = new { organizations = new[] { alice.OrganizationId } } }));
        await ApiAssert.OkAsync<ThreadPost>(await alice.Http.PostAsJsonAsync($"/api/threads/{thread.Thread.Id}/posts", new { body = "Answering myself: secret fix." }));
        return new ThreadScene(alice, pat, gus, bob, eve, community.Id, thread.Thread.Id);
    }

    private static async Task<string> ThreadSnapshotAsync(ThreadScene scene)
    {
        var view = await scene.Alice.Http.GetStringAsync($"/api/threads/{scene.ThreadId}");
        var list = await scene.Alice.Http.GetStringAsync($"/api/communities/{scene.CommunityId}/threads");
        var search = await scene.Alice.Http.GetStringAsync($"/api/communities/{scene.CommunityId}/threads/search?q=secret");
        return view + list + search;
    }
}
