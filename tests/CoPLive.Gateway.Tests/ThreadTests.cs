using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CoPLive.Activity;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Gateway.Api;
using CoPLive.Meetups;
using CoPLive.Notifications;
using CoPLive.Rooms;
using CoPLive.Testing;
using CoPLive.Threads;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Orleans.Streams;

namespace CoPLive.Gateway.Tests;

/// <summary>Threads with real SignalR clients against real Kestrel (SQLite): posts, live events, reactions, answers, Markdown, bad input, notifications, search, activity.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ThreadTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    /// <summary>Alice (northwind, coordinator) asks; Bob (contoso) and Carol (northwind) are members; Gus is a northwind guest; Mo a contoso moderator.</summary>
    private sealed record Scene(Member Alice, Member Bob, Member Carol, Member Gus, Member Mo, CommunityDetails Community);

    private async Task<Scene> SceneAsync()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var carol = await Member.SignInAsync(Gateway, "Carol", alice.OrganizationId);
        var gus = await Member.SignInAsync(Gateway, "Gus", alice.OrganizationId);
        var mo = await Member.SignInAsync(Gateway, "Mo", bob.OrganizationId);
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        foreach (var member in new[] { bob, carol, gus, mo })
        {
            await member.JoinAsync(community.Id);
        }

        await ApiAssert.OkAsync<CommunityMember>(await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{gus.UserId}/role", new { role = "guest" }));
        await ApiAssert.OkAsync<CommunityMember>(await alice.Http.PutAsJsonAsync($"/api/communities/{community.Id}/members/{mo.UserId}/role", new { role = "moderator" }));
        return new Scene(alice, bob, carol, gus, mo, community);
    }

    private static async Task<ThreadView> StartThreadAsync(Member author, string communityId, string kind = "question", object? audience = null, string title = "Our bulldozer stops", string body = "Has anyone seen this? The engine stops on slopes.")
    {
        var response = await author.Http.PostAsJsonAsync($"/api/communities/{communityId}/threads", new { title, kind, body, audience });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ApiAssert.OkAsync<ThreadView>(response);
    }

    private static async Task<ThreadPost> PostAsync(Member author, string threadId, string body, string? replyTo = null) =>
        await ApiAssert.OkAsync<ThreadPost>(await author.Http.PostAsJsonAsync($"/api/threads/{threadId}/posts", new { body, replyTo }));

    private async Task<(HubConnection Hub, RoomWatcher View)> EnterAsync(Member who, string room)
    {
        var hub = Gateway.Hub(who.Token);
        await hub.StartAsync();
        var view = new RoomWatcher(hub, room);
        await view.EnterAsync(hub);
        return (hub, view);
    }

    private static string RoomOf(string threadId) => new RoomId(RoomKind.Thread, threadId).ToString();

    [Fact]
    public async Task EachKindOfThreadEvent_ReachesASecondClientInTheRoom()
    {
        var scene = await SceneAsync();
        var thread = await StartThreadAsync(scene.Alice, scene.Community.Id);
        var (bobHub, bobView) = await EnterAsync(scene.Bob, RoomOf(thread.Thread.Id));
        var (aliceHub, _) = await EnterAsync(scene.Alice, RoomOf(thread.Thread.Id));
        await using var b = bobHub;
        await using var a = aliceHub;

        var answer = await aliceHub.InvokeAsync<ThreadPost>("AddPost", thread.Thread.Id, "Check the fuel filter.", null);
        var reply = await aliceHub.InvokeAsync<ThreadPost>("AddPost", thread.Thread.Id, "And the **tank vent**.", answer.Id);
        var edited = await aliceHub.InvokeAsync<ThreadPost>("EditPost", thread.Thread.Id, answer.Id, "Check the fuel filter first.");
        await aliceHub.InvokeAsync<ReactionToggled>("ReactToPost", thread.Thread.Id, answer.Id, "insightful");
        await aliceHub.InvokeAsync<ThreadSummary>("AcceptAnswer", thread.Thread.Id, answer.Id);
        await aliceHub.InvokeAsync<ThreadPost>("RemovePost", thread.Thread.Id, reply.Id, "Duplicate of the answer");

        await bobView.WaitUntilAsync(w => w.Events.OfType<PostRemoved>().Any(), "Bob sees the removal");
        await bobView.WaitUntilAsync(w => w.Events.OfType<PostReactionsTallied>().Any(), "Bob sees the reaction count");
        Assert.Equal([answer.Id, reply.Id], bobView.Events.OfType<PostAdded>().Select(e => e.Post.Id));
        Assert.Equal(answer.Id, reply.ReplyTo);
        Assert.Contains("<strong>tank vent</strong>", bobView.Events.OfType<PostAdded>().Last().Post.Html, StringComparison.Ordinal);
        Assert.Equal("Check the fuel filter first.", bobView.Events.OfType<PostEdited>().Single().Post.Body);
        Assert.Equal(1, edited.Revisions);
        Assert.Equal(1, bobView.Events.OfType<PostReactionsTallied>().Last().Posts[answer.Id]["insightful"]);
        Assert.Equal(answer.Id, bobView.Events.OfType<AnswerAccepted>().Single().PostId);
        var removed = bobView.Events.OfType<PostRemoved>().Single().Post;
        Assert.Equal((reply.Id, "", "Duplicate of the answer"), (removed.Id, removed.Body, removed.Removed!.Reason));
        var seqs = bobView.Events.Select(e => e.Seq).Where(s => s > bobView.Snapshot!.Seq).ToList();
        Assert.Equal(seqs.Order().ToList(), seqs);

        var history = await ApiAssert.OkAsync<PostRevision[]>(await scene.Bob.Http.GetAsync($"/api/threads/{thread.Thread.Id}/posts/{answer.Id}/history"));
        Assert.Equal(["Check the fuel filter."], history.Select(h => h.Body));
    }

    [Fact]
    public async Task Markdown_WithScriptsAndScriptLinks_IsRenderedHarmless()
    {
        var scene = await SceneAsync();
        const string Body = "<script>alert(1)</script>\n\n[click](javascript:alert(2)) [data](data:text/html;base64,PHNjcmlwdD4=) "
            + "[tab](java\tscript:alert(3)) [entity](&#106;avascript:alert(4)) <img src=x onerror=alert(5)> "
            + "![img](javascript:alert(6)) <javascript:alert(7)> [ok](https://example.com/a?b=c) [rel](/api/threads)";

        var thread = await StartThreadAsync(scene.Alice, scene.Community.Id, body: Body);
        var html = thread.Posts.Single().Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=\"x\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(?i)(href|src)=\"[^\"]*(script|data):", html);
        Assert.DoesNotMatch("(?i)<[a-z]+[^>]* on[a-z]+=", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/a?b=c\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/threads\"", html, StringComparison.Ordinal);
        Assert.Equal(Body, thread.Posts.Single().Body);
    }

    [Fact]
    public async Task ReactionToggles_FromManyMembersAtOnce_CountEachMemberOncePerEmoji()
    {
        var scene = await SceneAsync();
        var thread = await StartThreadAsync(scene.Alice, scene.Community.Id, kind: "discussion");
        var (aliceHub, aliceView) = await EnterAsync(scene.Alice, RoomOf(thread.Thread.Id));
        await using var _ = aliceHub;
        var reactors = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            var member = await Member.SignInAsync(Gateway, $"Reactor {i}", scene.Bob.OrganizationId);
            await member.JoinAsync(scene.Community.Id);
            var hub = Gateway.Hub(member.Token);
            await hub.StartAsync();
            return hub;
        }));
        var gusHub = Gateway.Hub(scene.Gus.Token);
        await gusHub.StartAsync();
        await using var g = gusHub;

        // Each of 10 members (and a guest) toggles "heart" on; the even ones toggle it off again; everyone adds "thanks" twice over (on, off).
        await Task.WhenAll(reactors.Select(hub => hub.InvokeAsync<ReactionToggled>("ReactToPost", thread.Thread.Id, PostIds.Opening, "heart"))
            .Append(gusHub.InvokeAsync<ReactionToggled>("ReactToPost", thread.Thread.Id, PostIds.Opening, "heart")));
        var offs = await Task.WhenAll(reactors.Where((_, i) => i % 2 == 0).Select(hub => hub.InvokeAsync<ReactionToggled>("ReactToPost", thread.Thread.Id, PostIds.Opening, "heart")));
        await Task.WhenAll(reactors.Select(async hub =>
        {
            await hub.InvokeAsync<ReactionToggled>("ReactToPost", thread.Thread.Id, PostIds.Opening, "thanks");
            await hub.InvokeAsync<ReactionToggled>("ReactToPost", thread.Thread.Id, PostIds.Opening, "thanks");
        }));
        var unknown = await Assert.ThrowsAsync<HubException>(() => reactors[0].InvokeAsync<ReactionToggled>("ReactToPost", thread.Thread.Id, PostIds.Opening, "poop"));

        var view = await ApiAssert.OkAsync<ThreadView>(await scene.Bob.Http.GetAsync($"/api/threads/{thread.Thread.Id}"));
        Assert.Equal(6, view.Posts[0].Reactions["heart"]); // 5 odd members and the guest
        Assert.False(view.Posts[0].Reactions.ContainsKey("thanks"));
        Assert.All(offs, o => Assert.False(o.Reacted));
        Assert.Equal(ErrorCodes.InvalidRequest, HubErrors.CodeOf(unknown));
        await aliceView.WaitUntilAsync(
            w => w.Events.OfType<PostReactionsTallied>().LastOrDefault() is { } last && last.Posts[PostIds.Opening].GetValueOrDefault("heart") == 6 && !last.Posts[PostIds.Opening].ContainsKey("thanks"),
            "the last tally shows 6 hearts and no thanks");
        Assert.True(aliceView.Events.OfType<PostReactionsTallied>().Count() < 41, "41 toggles are coalesced into fewer events");
        foreach (var hub in reactors)
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task AcceptedAnswers_OnlyByTheAskerOrAModerator_OnlyOnQuestions_AndChangeable()
    {
        var scene = await SceneAsync();
        var question = await StartThreadAsync(scene.Alice, scene.Community.Id);
        var discussion = await StartThreadAsync(scene.Alice, scene.Community.Id, kind: "discussion", title: "Haul roads");
        var fromContoso = await PostAsync(scene.Bob, question.Thread.Id, "Clean the fuel filter.");
        var fromNorthwind = await PostAsync(scene.Carol, question.Thread.Id, "Check the tank vent.");
        var reply = await PostAsync(scene.Bob, discussion.Thread.Id, "Grade weekly.");
        var url = $"/api/threads/{question.Thread.Id}/accept";

        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(url, new { postId = fromContoso.Id }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await scene.Gus.Http.PostAsJsonAsync(url, new { postId = fromContoso.Id }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await scene.Alice.Http.PostAsJsonAsync($"/api/threads/{discussion.Thread.Id}/accept", new { postId = reply.Id }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await ApiAssert.ErrorAsync(await scene.Alice.Http.PostAsJsonAsync(url, new { postId = PostIds.Opening }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(await scene.Alice.Http.PostAsJsonAsync(url, new { postId = "p99" }), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var unanswered = await ApiAssert.OkAsync<ThreadSummary[]>(await scene.Bob.Http.GetAsync($"/api/communities/{scene.Community.Id}/threads?filter=unanswered"));
        var byAsker = await ApiAssert.OkAsync<ThreadSummary>(await scene.Alice.Http.PostAsJsonAsync(url, new { postId = fromContoso.Id }));
        var byModerator = await ApiAssert.OkAsync<ThreadSummary>(await scene.Mo.Http.PostAsJsonAsync(url, new { postId = fromNorthwind.Id }));
        var answeredNow = await ApiAssert.OkAsync<ThreadSummary[]>(await scene.Bob.Http.GetAsync($"/api/communities/{scene.Community.Id}/threads?filter=unanswered"));

        Assert.Equal([question.Thread.Id], unanswered.Select(t => t.Id));
        Assert.True(fromContoso.CrossOrganization);
        Assert.False(fromNorthwind.CrossOrganization);
        Assert.Equal((fromContoso.Id, true), (byAsker.AcceptedPostId, byAsker.AcceptedCrossOrganization));
        Assert.Equal((fromNorthwind.Id, false), (byModerator.AcceptedPostId, byModerator.AcceptedCrossOrganization));
        Assert.Empty(answeredNow);
        Assert.False(reply.CrossOrganization); // only answers to questions cross organizations
    }

    [Fact]
    public async Task BadInput_GetsAClearError_AndStoresNothing()
    {
        var scene = await SceneAsync();
        var thread = await StartThreadAsync(scene.Alice, scene.Community.Id);
        var removed = await PostAsync(scene.Bob, thread.Thread.Id, "Wrong thread, sorry.");
        await ApiAssert.OkAsync<ThreadPost>(await scene.Bob.Http.PostAsJsonAsync($"/api/threads/{thread.Thread.Id}/posts/{removed.Id}/remove", new { reason = "posted by mistake" }));
        var posts = $"/api/threads/{thread.Thread.Id}/posts";
        var oneMegabyte = new HttpRequestMessage(HttpMethod.Post, posts)
        {
            Content = new StringContent($"{{\"body\":\"{new string('x', 1024 * 1024)}\"}}", Encoding.UTF8, "application/json"),
        };
        var before = await scene.Alice.Http.GetStringAsync($"/api/threads/{thread.Thread.Id}");

        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(posts, new { body = "   " }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(posts, new { }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.SendAsync(oneMegabyte), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.TooLarge);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(posts, new { body = new string('x', Limits.PostLength + 1) }), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.TooLarge);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(posts, new { body = "Replying", replyTo = removed.Id }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(posts, new { body = "Replying", replyTo = "p42" }), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(posts, new { body = "Replying", replyTo = "P1!" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsync($"{posts}/p1/reactions/not-an-emoji", null), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsync($"{posts}/{removed.Id}/reactions/heart", null), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PutAsJsonAsync($"{posts}/{removed.Id}", new { body = "edit" }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await ApiAssert.ErrorAsync(await scene.Carol.Http.PutAsJsonAsync($"{posts}/p1", new { body = "not mine" }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await scene.Carol.Http.PostAsJsonAsync($"{posts}/p1/remove", new { reason = "not mine" }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await scene.Alice.Http.PostAsJsonAsync($"{posts}/p1/remove", new { reason = "" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.GetAsync("/api/threads/no-such-thread"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync("/api/threads/no-such-thread/posts", new { body = "hello" }), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var threads = $"/api/communities/{scene.Community.Id}/threads";
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(threads, new { title = "No body", kind = "question", body = "" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(threads, new { title = "No kind", body = "text" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(threads, new { title = "Bad kind", kind = "rant", body = "text" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsJsonAsync(threads, new { title = "Empty audience", kind = "question", body = "text", audience = new { organizations = Array.Empty<string>() } }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.GetAsync($"{threads}?filter=everything"), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);

        Assert.Equal(before, await scene.Alice.Http.GetStringAsync($"/api/threads/{thread.Thread.Id}"));
        Assert.Equal([thread.Thread.Id], (await ApiAssert.OkAsync<ThreadSummary[]>(await scene.Bob.Http.GetAsync(threads))).Select(t => t.Id));
    }

    [Fact]
    public async Task Guests_ReadAndReact_ButNeverAuthor()
    {
        var scene = await SceneAsync();
        var thread = await StartThreadAsync(scene.Alice, scene.Community.Id);
        var (gusHub, gusView) = await EnterAsync(scene.Gus, RoomOf(thread.Thread.Id));
        await using var _ = gusHub;

        var read = await ApiAssert.OkAsync<ThreadView>(await scene.Gus.Http.GetAsync($"/api/threads/{thread.Thread.Id}"));
        var reacted = await ApiAssert.OkAsync<ReactionToggled>(await scene.Gus.Http.PostAsync($"/api/threads/{thread.Thread.Id}/posts/p1/reactions/thumbs-up", null));
        await ApiAssert.ErrorAsync(
            await scene.Gus.Http.PostAsJsonAsync($"/api/communities/{scene.Community.Id}/threads", new { title = "Mine", kind = "discussion", body = "text" }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(await scene.Gus.Http.PostAsJsonAsync($"/api/threads/{thread.Thread.Id}/posts", new { body = "me too" }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var hubPost = await Assert.ThrowsAsync<HubException>(() => gusHub.InvokeAsync<ThreadPost>("AddPost", thread.Thread.Id, "me too", null));

        Assert.Equal(thread.Thread.Id, read.Thread.Id);
        Assert.True(reacted.Reacted);
        Assert.Equal(ErrorCodes.Forbidden, HubErrors.CodeOf(hubPost));
        Assert.Single((await ApiAssert.OkAsync<ThreadView>(await scene.Alice.Http.GetAsync($"/api/threads/{thread.Thread.Id}"))).Posts);
        Assert.Equal(["thumbs-up"], (await ApiAssert.OkAsync<ThreadView>(await scene.Gus.Http.GetAsync($"/api/threads/{thread.Thread.Id}"))).ViewerReactions["p1"].ToArray());
    }

    [Fact]
    public async Task MentionsAndFollows_NotifyLiveInWhateverRoom_AndWaitUnreadForWhoWasAway()
    {
        var scene = await SceneAsync();
        var thread = await StartThreadAsync(scene.Alice, scene.Community.Id);

        // Carol is in the community room only; her personal room carries notifications on the same connection.
        var (carolHub, _) = await EnterAsync(scene.Carol, RoomId.ForCommunity(scene.Community.Id).ToString());
        await using var c = carolHub;
        var carolInbox = new RoomWatcher(carolHub, new RoomId(RoomKind.Member, scene.Carol.UserId).ToString());
        await carolInbox.EnterAsync(carolHub);
        var (aliceHub, _) = await EnterAsync(scene.Alice, RoomId.ForCommunity(scene.Community.Id).ToString());
        await using var a = aliceHub;
        var aliceInbox = new RoomWatcher(aliceHub, new RoomId(RoomKind.Member, scene.Alice.UserId).ToString());
        await aliceInbox.EnterAsync(aliceHub);
        var peek = await Assert.ThrowsAsync<HubException>(() => carolHub.InvokeAsync<PresenceSnapshot>("EnterRoom", new RoomId(RoomKind.Member, scene.Alice.UserId).ToString()));

        await ApiAssert.OkAsync<ThreadSummary>(await scene.Mo.Http.PutAsync($"/api/threads/{thread.Thread.Id}/follow", null));
        var post = await PostAsync(scene.Bob, thread.Thread.Id, $"@{scene.Carol.UserId} knows this engine; see also mail bob@{scene.Gus.UserId}.");

        await carolInbox.WaitUntilAsync(w => w.Events.OfType<NotificationReceived>().Any(), "Carol is notified of the mention live");
        await aliceInbox.WaitUntilAsync(w => w.Events.OfType<NotificationReceived>().Any(), "Alice (the asker follows her thread) is notified live");
        var mention = carolInbox.Events.OfType<NotificationReceived>().Single().Notification;
        Assert.Equal((NotificationKinds.Mention, thread.Thread.Id, post.Id, scene.Bob.UserId), (mention.Kind, mention.ThreadId, mention.PostId, mention.AuthorUserId));
        Assert.Equal(NotificationKinds.FollowedPost, aliceInbox.Events.OfType<NotificationReceived>().Single().Notification.Kind);
        Assert.Equal(ErrorCodes.NotFound, HubErrors.CodeOf(peek));

        // Mo (following) and Gus (an e-mail address, not a mention) were not connected: Mo finds it unread, Gus finds nothing.
        var moUnread = await ApiAssert.OkAsync<Notification[]>(await scene.Mo.Http.GetAsync("/api/notifications?unread=true"));
        Assert.Equal([(NotificationKinds.FollowedPost, post.Id)], moUnread.Select(n => (n.Kind, n.PostId)));
        Assert.Empty(await ApiAssert.OkAsync<Notification[]>(await scene.Gus.Http.GetAsync("/api/notifications")));
        var marked = await ApiAssert.OkAsync<MarkReadResponse>(await scene.Mo.Http.PostAsJsonAsync("/api/notifications/read", new { ids = new[] { moUnread[0].Id } }));
        Assert.Equal(1, marked.Marked);
        Assert.Empty(await ApiAssert.OkAsync<Notification[]>(await scene.Mo.Http.GetAsync("/api/notifications?unread=true")));
        Assert.Single(await ApiAssert.OkAsync<Notification[]>(await scene.Mo.Http.GetAsync("/api/notifications")));

        // Unfollowing stops notifications.
        await ApiAssert.OkAsync<ThreadSummary>(await scene.Mo.Http.DeleteAsync($"/api/threads/{thread.Thread.Id}/follow"));
        await PostAsync(scene.Carol, thread.Thread.Id, "Thanks, will check.");
        await aliceInbox.WaitUntilAsync(w => w.Events.OfType<NotificationReceived>().Count() == 2, "Alice is notified of Carol's post");
        Assert.Single(await ApiAssert.OkAsync<Notification[]>(await scene.Mo.Http.GetAsync("/api/notifications")));
    }

    [Fact]
    public async Task AMentionOutsideTheAudience_NotifiesNobody()
    {
        var scene = await SceneAsync();
        var thread = await StartThreadAsync(scene.Alice, scene.Community.Id, audience: new { organizations = new[] { scene.Alice.OrganizationId } });

        var post = await PostAsync(scene.Carol, thread.Thread.Id, $"@{scene.Bob.UserId} and @{scene.Gus.UserId}, what do you think?");

        var gus = await ApiAssert.OkAsync<Notification[]>(await scene.Gus.Http.GetAsync("/api/notifications"));
        Assert.Equal([post.Id], gus.Select(n => n.PostId));
        Assert.Empty(await ApiAssert.OkAsync<Notification[]>(await scene.Bob.Http.GetAsync("/api/notifications")));
    }

    [Fact]
    public async Task TheThreadList_ShowsLatestActivityFirst_AndFiltersByAuthorOrganization()
    {
        var scene = await SceneAsync();
        var first = await StartThreadAsync(scene.Alice, scene.Community.Id, title: "First");
        var second = await StartThreadAsync(scene.Bob, scene.Community.Id, kind: "discussion", title: "Second");
        var hidden = await StartThreadAsync(scene.Alice, scene.Community.Id, title: "Northwind only", audience: new { organizations = new[] { scene.Alice.OrganizationId } });
        await PostAsync(scene.Carol, first.Thread.Id, "bump");
        var threads = $"/api/communities/{scene.Community.Id}/threads";

        var forBob = await ApiAssert.OkAsync<ThreadSummary[]>(await scene.Bob.Http.GetAsync(threads));
        var forAlice = await ApiAssert.OkAsync<ThreadSummary[]>(await scene.Alice.Http.GetAsync(threads));
        var byContoso = await ApiAssert.OkAsync<ThreadSummary[]>(await scene.Alice.Http.GetAsync($"{threads}?organization={scene.Bob.OrganizationId}"));

        Assert.Equal([first.Thread.Id, second.Thread.Id], forBob.Select(t => t.Id));
        Assert.Equal([first.Thread.Id, hidden.Thread.Id, second.Thread.Id], forAlice.Select(t => t.Id));
        Assert.Equal(2, forAlice[0].PostCount);
        Assert.Equal([second.Thread.Id], byContoso.Select(t => t.Id));
        await ApiAssert.ErrorAsync(await scene.Bob.Http.GetAsync($"/api/threads/{hidden.Thread.Id}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Search_FindsTitlesAndPosts_ButNeverAPostOutsideTheCallersAudience_OnSqlite()
    {
        var scene = await SceneAsync();
        var open = await StartThreadAsync(scene.Alice, scene.Community.Id, title: "Hydraulic pump whining", body: "The pump whines when cold.");
        var restricted = await StartThreadAsync(scene.Alice, scene.Community.Id, title: "Northwind pump contract", body: "Our pump supplier's prices.", audience: new { organizations = new[] { scene.Alice.OrganizationId } });
        var answer = await PostAsync(scene.Bob, open.Thread.Id, "Bleed the pump, then check the hydraulic oil.");
        var removed = await PostAsync(scene.Carol, open.Thread.Id, "Secret pump trick.");
        await ApiAssert.OkAsync<ThreadPost>(await scene.Carol.Http.PostAsJsonAsync($"/api/threads/{open.Thread.Id}/posts/{removed.Id}/remove", new { reason = "wrong" }));
        var search = $"/api/communities/{scene.Community.Id}/threads/search?q=";

        var forBob = await ApiAssert.OkAsync<ThreadSearchHit[]>(await scene.Bob.Http.GetAsync(search + "pumps"));
        var forAlice = await ApiAssert.OkAsync<ThreadSearchHit[]>(await scene.Alice.Http.GetAsync(search + "pump"));
        var bothWords = await ApiAssert.OkAsync<ThreadSearchHit[]>(await scene.Bob.Http.GetAsync(search + Uri.EscapeDataString("hydraulic oil")));
        var syntax = await ApiAssert.OkAsync<ThreadSearchHit[]>(await scene.Bob.Http.GetAsync(search + Uri.EscapeDataString("pump*\" -(: ^")));

        Assert.Equal(new[] { (open.Thread.Id, "p1"), (open.Thread.Id, answer.Id) }.Order(), forBob.Select(h => (h.ThreadId, h.PostId)).Order());
        Assert.DoesNotContain(forBob, h => h.ThreadId == restricted.Thread.Id || h.PostId == removed.Id);
        Assert.Contains(forAlice, h => h.ThreadId == restricted.Thread.Id);
        Assert.DoesNotContain(forAlice, h => h.PostId == removed.Id && h.ThreadId == open.Thread.Id);
        Assert.Equal([(open.Thread.Id, answer.Id)], bothWords.Select(h => (h.ThreadId, h.PostId)));
        Assert.All(forBob, h => Assert.Equal("Hydraulic pump whining", h.Title));
        Assert.Equal(forBob.Length, syntax.Length);
        await ApiAssert.ErrorAsync(await scene.Bob.Http.GetAsync(search + "%20"), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        var stranger = await Member.SignInAsync(Gateway, "Eve", CoPLiveIds.New("elsewhere"));
        await ApiAssert.ErrorAsync(await stranger.Http.GetAsync(search + "pump"), HttpStatusCode.NotFound, ErrorCodes.NotFound);

        // The index is rebuilt from the grains: same answers.
        await ApiAssert.ErrorAsync(await scene.Bob.Http.PostAsync($"/api/communities/{scene.Community.Id}/threads/reindex", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var rebuilt = await ApiAssert.OkAsync<ThreadIndexRebuilt>(await scene.Alice.Http.PostAsync($"/api/communities/{scene.Community.Id}/threads/reindex", null));
        Assert.Equal((2, 3), (rebuilt.Threads, rebuilt.Posts));
        var again = await ApiAssert.OkAsync<ThreadSearchHit[]>(await scene.Bob.Http.GetAsync(search + "pumps"));
        Assert.Equal(forBob.Select(h => (h.ThreadId, h.PostId)).Order(), again.Select(h => (h.ThreadId, h.PostId)).Order());
    }

    [Fact]
    public async Task ASubscriber_ReceivesTheCommunitysActivityEvents()
    {
        var scene = await SceneAsync();
        var received = new ConcurrentQueue<ActivityEvent>();
        var changed = new SemaphoreSlim(0);
        var stream = Gateway.GetRequiredService<IClusterClient>().GetStreamProvider(ActivityStreams.Provider)
            .GetStream<ActivityEvent>(StreamId.Create(ActivityStreams.Namespace, scene.Community.Id));
        var subscription = await stream.SubscribeAsync((e, _) =>
        {
            received.Enqueue(e);
            changed.Release();
            return Task.CompletedTask;
        });

        var thread = await StartThreadAsync(scene.Alice, scene.Community.Id);
        var answer = await PostAsync(scene.Bob, thread.Thread.Id, "Fuel filter.");
        var reply = await PostAsync(scene.Carol, thread.Thread.Id, "Agreed.", answer.Id);
        await ApiAssert.OkAsync<ThreadPost>(await scene.Bob.Http.PutAsJsonAsync($"/api/threads/{thread.Thread.Id}/posts/{answer.Id}", new { body = "The fuel filter." }));
        await ApiAssert.OkAsync<ReactionToggled>(await scene.Alice.Http.PostAsync($"/api/threads/{thread.Thread.Id}/posts/{answer.Id}/reactions/thanks", null));
        await ApiAssert.OkAsync<ThreadSummary>(await scene.Alice.Http.PostAsJsonAsync($"/api/threads/{thread.Thread.Id}/accept", new { postId = answer.Id }));

        string[] expected = [ActivityTypes.ThreadCreated, ActivityTypes.PostAdded, ActivityTypes.ReplyAdded, ActivityTypes.PostEdited, ActivityTypes.ReactionToggled, ActivityTypes.AnswerAccepted];
        while (received.Count < expected.Length)
        {
            await changed.WaitAsync().Within($"the subscriber receives {expected.Length} activity events (has {received.Count})");
        }

        await subscription.UnsubscribeAsync();
        var events = received.ToList();
        Assert.Equal(expected, events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal((scene.Community.Id, thread.Thread.Id), (e.CommunityId, e.ItemId)));
        var accepted = events.Single(e => e.Type == ActivityTypes.AnswerAccepted);
        Assert.Equal((answer.Id, scene.Bob.UserId, scene.Bob.OrganizationId, true), (accepted.SubjectId, accepted.SubjectUserId, accepted.SubjectOrganizationId, accepted.CrossOrganization));
        Assert.True(events.Single(e => e.Type == ActivityTypes.PostAdded).CrossOrganization);
        Assert.Equal(reply.Id, events.Single(e => e.Type == ActivityTypes.ReplyAdded).SubjectId);
    }

    [Fact]
    public async Task AnEndedMeetup_BecomesASummaryThread_WithAgendaAttendanceQuestionsPollsAndLinks()
    {
        var scene = await SceneAsync();
        var startsAt = DateTimeOffset.UtcNow.AddHours(1);
        var meetup = await ApiAssert.OkAsync<MeetupDetails>(await scene.Alice.Http.PostAsJsonAsync(
            $"/api/communities/{scene.Community.Id}/meetups",
            new { title = "Haul road maintenance", agenda = "Grading, drainage", startsAt, endsAt = startsAt.AddHours(1) }));
        var room = new RoomId(RoomKind.Meetup, meetup.Id).ToString();
        var attended = new ConcurrentQueue<ActivityEvent>();
        var arrived = new SemaphoreSlim(0);
        var subscription = await Gateway.GetRequiredService<IClusterClient>().GetStreamProvider(ActivityStreams.Provider)
            .GetStream<ActivityEvent>(StreamId.Create(ActivityStreams.Namespace, scene.Community.Id))
            .SubscribeAsync((e, _) =>
            {
                if (e.Type == ActivityTypes.MeetupAttended)
                {
                    attended.Enqueue(e);
                    arrived.Release();
                }

                return Task.CompletedTask;
            });
        await ApiAssert.OkAsync<MeetupDetails>(await scene.Alice.Http.PostAsync($"/api/meetups/{meetup.Id}/start", null));
        var (aliceHub, aliceView) = await EnterAsync(scene.Alice, room);
        var (bobHub, _) = await EnterAsync(scene.Bob, room);
        var (moHub, _) = await EnterAsync(scene.Mo, room);
        await using var a = aliceHub;
        await using var b = bobHub;
        await using var m = moHub;
        await aliceView.WaitUntilAsync(w => w.PresentUserIds.Count == 3, "all three are present");
        var answered = await bobHub.InvokeAsync<MeetupQuestion>("AskQuestion", meetup.Id, "How often do you grade?");
        await bobHub.InvokeAsync<MeetupQuestion>("AskQuestion", meetup.Id, "Which binder works in clay?");
        await aliceHub.InvokeAsync<MeetupQuestion>("MarkAnswered", meetup.Id, answered.Id);
        var poll = await aliceHub.InvokeAsync<MeetupPoll>("OpenPoll", meetup.Id, "Best interval?", new[] { "weekly", "monthly" });
        await bobHub.InvokeAsync("Vote", meetup.Id, poll.Id, 1);
        await ApiAssert.OkAsync<MeetupDetails>(await scene.Alice.Http.PutAsJsonAsync($"/api/meetups/{meetup.Id}/links/whiteboard", new { documentId = "wb-1" }));
        await ApiAssert.OkAsync<MeetupDetails>(await scene.Alice.Http.PutAsJsonAsync($"/api/meetups/{meetup.Id}/links/notes", new { documentId = "notes-1" }));

        var ended = await ApiAssert.OkAsync<MeetupDetails>(await scene.Alice.Http.PostAsync($"/api/meetups/{meetup.Id}/end", null));
        while (attended.Count < 3)
        {
            await arrived.WaitAsync().Within($"three meetup-attended activity events arrive (has {attended.Count})");
        }

        await subscription.UnsubscribeAsync();
        Assert.Equal(
            new[] { scene.Alice.UserId, scene.Bob.UserId, scene.Mo.UserId }.Order(),
            attended.Select(e => e.ActorUserId).Order());
        Assert.All(attended, e => Assert.Equal(("meetup", meetup.Id), (e.ItemKind, e.ItemId)));

        Assert.NotNull(ended.SummaryThreadId);
        var summary = await ApiAssert.OkAsync<ThreadView>(await scene.Bob.Http.GetAsync($"/api/threads/{ended.SummaryThreadId}"));
        var body = summary.Posts.Single().Body;
        Assert.Equal(("Summary: Haul road maintenance", meetup.Id), (summary.Thread.Title, summary.Thread.MeetupId));
        Assert.Contains("Grading, drainage", body, StringComparison.Ordinal);
        Assert.Contains($"| {scene.Alice.OrganizationId} | 1 |", body, StringComparison.Ordinal);
        Assert.Contains($"| {scene.Bob.OrganizationId} | 2 |", body, StringComparison.Ordinal);
        var answeredAt = body.IndexOf("How often do you grade?", StringComparison.Ordinal);
        var openAt = body.IndexOf("Which binder works in clay?", StringComparison.Ordinal);
        Assert.True(body.IndexOf("## Questions answered", StringComparison.Ordinal) < answeredAt && answeredAt < body.IndexOf("## Open questions", StringComparison.Ordinal));
        Assert.True(body.IndexOf("## Open questions", StringComparison.Ordinal) < openAt);
        Assert.Contains("- monthly: 1", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/documents/wb-1/export?format=svg\"", summary.Posts.Single().Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/documents/notes-1\"", summary.Posts.Single().Html, StringComparison.Ordinal);
        Assert.Contains(await ApiAssert.OkAsync<ThreadSummary[]>(await scene.Bob.Http.GetAsync($"/api/communities/{scene.Community.Id}/threads")), t => t.Id == ended.SummaryThreadId);
    }
}
