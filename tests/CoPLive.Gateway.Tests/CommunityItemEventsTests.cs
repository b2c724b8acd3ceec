using System.Net.Http.Json;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Documents;
using CoPLive.Rooms;
using CoPLive.Testing;
using CoPLive.Threads;

namespace CoPLive.Gateway.Tests;

/// <summary>The community room says when a thread or a document is created, so that open community homes list it; an item's audience applies.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CommunityItemEventsTests(GatewayFixture fixture)
{
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task ANewThreadOrDocument_ReachesTheCommunityRoom_AndARestrictedOneOnlyItsAudience()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", CoPLiveIds.New("northwind"));
        var pat = await Member.SignInAsync(Gateway, "Pat", alice.OrganizationId);
        var bob = await Member.SignInAsync(Gateway, "Bob", CoPLiveIds.New("contoso"));
        var community = await alice.CreateCommunityAsync();
        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        await pat.JoinAsync(community.Id);
        await bob.JoinAsync(community.Id);
        var room = RoomId.ForCommunity(community.Id).ToString();
        await using var patHub = Gateway.Hub(pat.Token);
        await using var bobHub = Gateway.Hub(bob.Token);
        await patHub.StartAsync();
        await bobHub.StartAsync();
        using var patView = new RoomWatcher(patHub, room);
        using var bobView = new RoomWatcher(bobHub, room);
        await patView.EnterAsync(patHub);
        await bobView.EnterAsync(bobHub);

        var thread = await ApiAssert.OkAsync<ThreadView>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/threads", new { title = "Berm widths", kind = "question", body = "What do you use?" }));
        var board = await ApiAssert.OkAsync<DocumentDetails>(await alice.Http.PostAsJsonAsync(
            $"/api/communities/{community.Id}/documents", new { title = "Northwind pit plan", kind = "whiteboard", audience = new { organizations = new[] { alice.OrganizationId } } }));

        await patView.WaitUntilAsync(w => w.Events.OfType<CommunityItemCreated>().Count() == 2, "Pat's community room says the thread and the document were created");
        var documentSeq = patView.Events.OfType<CommunityItemCreated>().Single(e => e.ItemId == board.Id).Seq;
        await bobView.WaitUntilAsync(w => w.Events.Any(e => e.Seq == documentSeq), "Bob receives the document's sequence number");
        var threadEvent = Assert.Single(bobView.Events.OfType<CommunityItemCreated>());
        Assert.Equal((CommunityItemCreated.Thread, thread.Thread.Id, "Berm widths", "question"), (threadEvent.Item, threadEvent.ItemId, threadEvent.Title, threadEvent.Kind));
        var documentEvent = patView.Events.OfType<CommunityItemCreated>().Single(e => e.ItemId == board.Id);
        Assert.Equal((CommunityItemCreated.Document, "Northwind pit plan", "whiteboard"), (documentEvent.Item, documentEvent.Title, documentEvent.Kind));
        Assert.IsType<EventWithheld>(bobView.Events.Single(e => e.Seq == documentSeq));
    }
}
