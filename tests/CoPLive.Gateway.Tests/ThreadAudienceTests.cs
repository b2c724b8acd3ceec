using System.Net;
using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Rooms;
using CoPLive.Testing;
using CoPLive.Threads;

namespace CoPLive.Gateway.Tests;

/// <summary>Narrowing a thread's audience takes those it leaves out of the thread's room at once, and hides the thread from them.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ThreadAudienceTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task NarrowingTheAudience_RevokesOutsidersLive_AndOnlyTheAuthorOrAModeratorMayDoIt()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var pat = await Member.SignInAsync(Gateway, "Pat", alice.OrganizationId);
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var eve = await Member.SignInAsync(Gateway, "Eve", CoPLiveIds.New("elsewhere"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await pat.JoinAsync(community.Id);
        await bob.JoinAsync(community.Id);
        var thread = await ApiAssert.OkAsync<ThreadView>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/threads", new { title = "Berm widths", kind = "question", body = "What do you use?" }));
        var threadId = thread.Thread.Id;
        var room = new RoomId(RoomKind.Thread, threadId).ToString();
        await using var bobHub = Gateway.Hub(bob.Token);
        await using var patHub = Gateway.Hub(pat.Token);
        await bobHub.StartAsync();
        await patHub.StartAsync();
        using var bobView = new RoomWatcher(bobHub, room);
        using var patView = new RoomWatcher(patHub, room);
        await bobView.EnterAsync(bobHub);
        await patView.EnterAsync(patHub);
        var path = $"/api/threads/{threadId}/audience";
        var northwindOnly = new { audience = new { organizations = new[] { alice.OrganizationId } } };

        await ApiAssert.ErrorAsync(await Gateway.Http.PutAsJsonAsync(path, northwindOnly), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await ApiAssert.ErrorAsync(await eve.Http.PutAsJsonAsync(path, northwindOnly), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await pat.Http.PutAsJsonAsync(path, northwindOnly), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiAssert.ErrorAsync(
            await alice.Http.PutAsJsonAsync(path, new { audience = new { organizations = new[] { bob.OrganizationId } } }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        var narrowed = await ApiAssert.OkAsync<ThreadView>(await alice.Http.PutAsJsonAsync(path, northwindOnly));
        await bobView.WaitForRevocationAsync();
        (await alice.Http.PostAsJsonAsync($"/api/threads/{threadId}/posts", new { body = "Northwind uses 3 m." })).EnsureSuccessStatusCode();
        await patView.WaitUntilAsync(w => w.Events.OfType<PostAdded>().Any(), "Pat, in the audience, still receives posts");
        var bobList = await ApiAssert.OkAsync<ThreadSummary[]>(await bob.Http.GetAsync($"/api/communities/{community.Id}/threads"));
        var audit = await ApiAssert.OkAsync<AuditEntry[]>(await alice.Http.GetAsync($"/api/communities/{community.Id}/audit"));

        Assert.Equal([alice.OrganizationId], narrowed.Thread.Audience!.Organizations.ToArray());
        Assert.Equal(ErrorCodes.Forbidden, Assert.Single(bobView.Revocations).Code);
        Assert.DoesNotContain(bobView.Events, e => e is PostAdded);
        await ApiAssert.ErrorAsync(await bob.Http.GetAsync($"/api/threads/{threadId}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.DoesNotContain(bobList, t => t.Id == threadId);
        Assert.Contains(audit, e => e.Action == AuditActions.AudienceSet && e.Subject == room);
    }
}
