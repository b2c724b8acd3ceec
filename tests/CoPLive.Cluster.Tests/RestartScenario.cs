using System.Net.Http.Headers;
using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Gateway.Api;
using CoPLive.Meetups;
using CoPLive.Testing;
using CoPLive.Threads;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Cluster.Tests;

/// <summary>
/// What must survive a kill: a community created, an organization admitted, members joined (more than one of its
/// member rows hold) and role changes (more than one page of its audit log), each acknowledged with a 2xx before
/// the process is killed with SIGKILL; and a question thread with more posts than one storage page holds, an edit,
/// a removal, a reaction and an accepted answer, findable by search and in the community's thread list; and a
/// meetup's chat over more than one page, its poll votes (one of them changed) and its question upvotes.
/// </summary>
public static class RestartScenario
{
    public static async Task RunAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var httpPort = FreePorts.Next();
        var northwind = CoPLiveIds.New("northwind");
        var contoso = CoPLiveIds.New("contoso");
        string aliceToken, bobToken, communityId, threadId;
        var postCount = ThreadGrain.PageSize + 2;
        var joiners = Enumerable.Range(1, 12).Select(i => $"member{i:00}").ToArray();
        var roleChanges = CommunityGrain.AuditPageSize + 5;
        var chatCount = MeetupGrain.ChatPageSize + 5;
        string meetupId;

        await using (var first = await GatewayProcess.StartAsync(settings, httpPort))
        {
            using var http = new HttpClient { BaseAddress = first.Address };
            aliceToken = await TokenAsync(http, "alice", "Alice", northwind);
            bobToken = await TokenAsync(http, "bob", "Bob", contoso);
            var created = await SendAsync<CommunityDetails>(http, aliceToken, HttpMethod.Post, "/api/communities", new { name = "Rock mechanics", domain = "geotechnics" });
            communityId = created.Id;
            await SendAsync<CommunityDetails>(http, aliceToken, HttpMethod.Post, $"/api/communities/{communityId}/organizations", new { organizationId = contoso });
            await SendAsync<JoinResult>(http, bobToken, HttpMethod.Post, $"/api/communities/{communityId}/join", null);
            foreach (var joiner in joiners)
            {
                await SendAsync<JoinResult>(http, await TokenAsync(http, joiner, joiner, contoso), HttpMethod.Post, $"/api/communities/{communityId}/join", null);
            }

            for (var i = 0; i < roleChanges; i++)
            {
                await SendAsync<CommunityMember>(http, aliceToken, HttpMethod.Put, $"/api/communities/{communityId}/members/bob/role", new { role = i % 2 == 0 ? "moderator" : "member" });
            }

            var startsAt = DateTimeOffset.UtcNow.AddHours(1);
            meetupId = (await SendAsync<MeetupDetails>(http, aliceToken, HttpMethod.Post, $"/api/communities/{communityId}/meetups", new { title = "Haul roads", startsAt, endsAt = startsAt.AddHours(1) })).Id;
            for (var i = 1; i <= chatCount; i++)
            {
                await SendAsync<ChatMessage>(http, i % 2 == 0 ? bobToken : aliceToken, HttpMethod.Post, $"/api/meetups/{meetupId}/chat", new { text = $"chat {i}" });
            }

            await using (var aliceHub = first.Hub(aliceToken))
            await using (var bobHub = first.Hub(bobToken))
            {
                await aliceHub.StartAsync();
                await bobHub.StartAsync();
                var poll = await aliceHub.InvokeAsync<MeetupPoll>("OpenPoll", meetupId, "Grader or dozer?", new[] { "grader", "dozer", "both" });
                await aliceHub.InvokeAsync("Vote", meetupId, poll.Id, 0);
                await bobHub.InvokeAsync("Vote", meetupId, poll.Id, 1);
                await bobHub.InvokeAsync("Vote", meetupId, poll.Id, 2);
                var question = await bobHub.InvokeAsync<MeetupQuestion>("AskQuestion", meetupId, "How often do you grade?");
                await aliceHub.InvokeAsync("UpvoteQuestion", meetupId, question.Id);
                await bobHub.InvokeAsync("UpvoteQuestion", meetupId, question.Id);
            }

            var thread = await SendAsync<ThreadView>(http, aliceToken, HttpMethod.Post, $"/api/communities/{communityId}/threads", new { title = "Bulldozer stops on slopes", kind = "question", body = "Has anyone seen this?" });
            threadId = thread.Thread.Id;
            for (var i = 2; i <= postCount; i++)
            {
                await SendAsync<ThreadPost>(http, i % 2 == 0 ? bobToken : aliceToken, HttpMethod.Post, $"/api/threads/{threadId}/posts", new { body = $"Answer {i}: check carburettor{i}" });
            }

            await SendAsync<ThreadPost>(http, bobToken, HttpMethod.Put, $"/api/threads/{threadId}/posts/p2", new { body = "Answer 2: check the fuel filter" });
            await SendAsync<ThreadPost>(http, aliceToken, HttpMethod.Post, $"/api/threads/{threadId}/posts/p3/remove", new { reason = "off topic" });
            await SendAsync<ReactionToggled>(http, aliceToken, HttpMethod.Post, $"/api/threads/{threadId}/posts/{PostIds.Format(postCount)}/reactions/thanks", null);
            await SendAsync<ThreadSummary>(http, aliceToken, HttpMethod.Post, $"/api/threads/{threadId}/accept", new { postId = "p2" });

            await first.KillAsync();
        }

        await using var second = await GatewayProcess.StartAsync(settings, httpPort);
        using var again = new HttpClient { BaseAddress = second.Address };
        var community = await SendAsync<CommunityDetails>(again, bobToken, HttpMethod.Get, $"/api/communities/{communityId}", null);
        var members = await SendAsync<CommunityMember[]>(again, aliceToken, HttpMethod.Get, $"/api/communities/{communityId}/members", null);
        var visibleToBob = await SendAsync<CommunityDetails[]>(again, bobToken, HttpMethod.Get, "/api/communities", null);

        Assert.Equal("Rock mechanics", community.Name);
        Assert.Equal([northwind, contoso], community.AdmittedOrganizations.ToArray());
        Assert.Equal(CommunityRole.Moderator, community.ViewerRole);
        Assert.Equal(
            [("alice", CommunityRole.Coordinator), ("bob", CommunityRole.Moderator), .. joiners.Select(j => (j, CommunityRole.Member))],
            members.Select(m => (m.UserId, m.Role)));
        Assert.Equal(2 + joiners.Length, community.MemberCount);
        Assert.Contains(visibleToBob, c => c.Id == communityId);
        var audit = await SendAsync<AuditEntry[]>(again, aliceToken, HttpMethod.Get, $"/api/communities/{communityId}/audit", null);
        Assert.Equal(
            [AuditActions.CommunityCreated, AuditActions.OrganizationAdmitted, .. Enumerable.Repeat(AuditActions.MemberJoined, 1 + joiners.Length), .. Enumerable.Repeat(AuditActions.RoleChanged, roleChanges)],
            audit.Select(e => e.Action));
        Assert.Equal("moderator", audit[^1].Detail);
        await SendAsync<JoinResult>(again, await TokenAsync(again, "late", "Late", contoso), HttpMethod.Post, $"/api/communities/{communityId}/join", null);
        var auditAfter = await SendAsync<AuditEntry[]>(again, aliceToken, HttpMethod.Get, $"/api/communities/{communityId}/audit", null);
        Assert.Equal((audit.Length + 1, AuditActions.MemberJoined, "late"), (auditAfter.Length, auditAfter[^1].Action, auditAfter[^1].Subject));

        await SendAsync<ChatMessage>(again, bobToken, HttpMethod.Post, $"/api/meetups/{meetupId}/chat", new { text = "chat after the restart" });
        var meetup = await SendAsync<MeetupView>(again, bobToken, HttpMethod.Get, $"/api/meetups/{meetupId}", null);
        Assert.Equal([.. Enumerable.Range(chatCount - 48, 49).Select(i => $"chat {i}"), "chat after the restart"], meetup.RecentChat.Select(m => m.Text));
        Assert.Equal([1, 0, 1], meetup.Polls.Single().Tallies.ToArray());
        Assert.Equal(("How often do you grade?", 2), (meetup.Questions.Single().Text, meetup.Questions.Single().Upvotes));

        var view = await SendAsync<ThreadView>(again, bobToken, HttpMethod.Get, $"/api/threads/{threadId}", null);
        Assert.Equal(Enumerable.Range(1, postCount).Select(PostIds.Format), view.Posts.Select(p => p.Id));
        Assert.Equal(("Answer 2: check the fuel filter", 1), (view.Posts[1].Body, view.Posts[1].Revisions));
        Assert.Equal("off topic", view.Posts[2].Removed?.Reason);
        Assert.Equal(1, view.Posts[^1].Reactions["thanks"]);
        Assert.Equal(("p2", true), (view.Thread.AcceptedPostId, view.Thread.AcceptedCrossOrganization));
        var hits = await SendAsync<ThreadSearchHit[]>(again, bobToken, HttpMethod.Get, $"/api/communities/{communityId}/threads/search?q=carburettor{postCount}", null);
        Assert.Equal([PostIds.Format(postCount)], hits.Select(h => h.PostId));
        var listed = await SendAsync<ThreadSummary[]>(again, bobToken, HttpMethod.Get, $"/api/communities/{communityId}/threads", null);
        Assert.Equal((threadId, postCount - 1, "p2"), (listed.Single().Id, listed.Single().PostCount, listed.Single().AcceptedPostId));
        var next = await SendAsync<ThreadPost>(again, bobToken, HttpMethod.Post, $"/api/threads/{threadId}/posts", new { body = "One more after the restart" });
        Assert.Equal(PostIds.Format(postCount + 1), next.Id);
        listed = await SendAsync<ThreadSummary[]>(again, bobToken, HttpMethod.Get, $"/api/communities/{communityId}/threads", null);
        Assert.Equal(postCount, listed.Single().PostCount);
    }

    private static async Task<string> TokenAsync(HttpClient http, string userId, string name, string organizationId)
    {
        var response = await http.PostAsJsonAsync("/api/dev/token", new DevTokenRequest(userId, name, organizationId));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevTokenResponse>())!.Token;
    }

    private static async Task<T> SendAsync<T>(HttpClient http, string token, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(text, Json.Options)!;
    }
}
