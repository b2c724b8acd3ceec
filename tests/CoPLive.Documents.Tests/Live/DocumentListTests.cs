using System.Net;
using CoPLive.Common;
using CoPLive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// A community's document list, answered by its one list grain: it shows each change a list shows (creation,
/// audience, stage only) to each viewer as the document would decide (who sees it, who may write), and a community
/// whose list never was gets it built from its documents.
/// </summary>
[Collection(LiveGatewayCollection.Name)]
public sealed class DocumentListTests(LiveGatewayFixture fixture)
{
    private Uri Address => fixture.Gateway.Address;

    [Fact]
    public async Task TheList_FollowsAudienceAndStageOnlyChanges_WithEachViewersWriteAccess()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var checklist = await scene.CreateDocumentAsync(title: "Blast checklist");
        var board = await scene.CreateDocumentAsync("whiteboard", title: "Meetup board");
        var startsAt = DateTimeOffset.UtcNow.AddHours(1);
        var meetup = await scene.Alice.SendAsync<System.Text.Json.JsonElement>(
            HttpMethod.Post, $"/api/communities/{scene.CommunityId}/meetups", new { title = "Haul roads", startsAt, endsAt = startsAt.AddHours(1) });
        var meetupId = meetup.GetProperty("id").GetString()!;
        await scene.Alice.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Put, $"/api/meetups/{meetupId}/links/whiteboard", new { documentId = board.Id });

        var before = await ListedAsync(scene.Bob, scene);
        var gus = await ListedAsync(scene.Gus, scene);
        await scene.Alice.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Put, $"/api/meetups/{meetupId}/stage-only/whiteboard", null);
        await scene.Alice.SendAsync<DocumentDetails>(
            HttpMethod.Put, $"/api/documents/{checklist.Id}/audience", new { audience = new { organizations = new[] { scene.Alice.OrganizationId } } });
        var bobNarrowed = await ListedAsync(scene.Bob, scene);
        var aliceNarrowed = await ListedAsync(scene.Alice, scene);
        await scene.Alice.SendAsync<DocumentDetails>(HttpMethod.Put, $"/api/documents/{checklist.Id}/audience", new { audience = (object?)null });
        await scene.Alice.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Delete, $"/api/meetups/{meetupId}/stage-only/whiteboard", null);
        var after = await ListedAsync(scene.Bob, scene);

        Assert.Equal("Blast checklist:write, Meetup board:write", before);
        Assert.Equal("Blast checklist:read, Meetup board:read", gus);
        Assert.Equal("Meetup board:read", bobNarrowed);
        Assert.Equal("Blast checklist:write, Meetup board:write", aliceNarrowed);
        Assert.Equal("Blast checklist:write, Meetup board:write", after);
        await scene.Olga.RefusedAsync(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/documents", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Alice.RefusedAsync(HttpMethod.Get, $"/api/communities/{CoPLiveIds.New("nowhere")}/documents", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Alice.RefusedAsync(HttpMethod.Get, "/api/communities/Not%20An%20Id/documents", null, HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
    }

    [Fact]
    public async Task AListThatNeverWas_IsBuiltFromTheCommunitysDocuments()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        await scene.CreateDocumentAsync(title: "Berm heights");
        await scene.CreateDocumentAsync("whiteboard", title: "Culvert sketch");
        await scene.CreateDocumentAsync(audience: new { organizations = new[] { scene.Alice.OrganizationId } }, title: "Northwind only");

        // As a community whose documents were created before lists existed: no list in storage, none in memory.
        var grains = fixture.Gateway.Services.GetRequiredService<IGrainFactory>();
        var list = grains.GetDocumentList(scene.CommunityId);
        await list.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var storage = fixture.Gateway.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        await storage.ClearIfStoredAsync<DocumentListState>(StorageNames.DocumentList, list.GetGrainId());
        for (var row = 0; row < DocumentListGrain.Rows; row++)
        {
            await storage.ClearIfStoredAsync<RowBucketState<ListedDocumentState>>(StorageNames.DocumentListRow, GrainId.Create("coplive-document-list", $"{scene.CommunityId}+{row}"));
        }

        var bob = await ListedAsync(scene.Bob, scene);
        var alice = await ListedAsync(scene.Alice, scene);

        Assert.Equal("Berm heights:write, Culvert sketch:write", bob);
        Assert.Equal("Berm heights:write, Culvert sketch:write, Northwind only:write", alice);
    }

    [Fact]
    public async Task AReindex_ReplacesWhatAFailedHandInLeftBehind_AndOnlyCoordinatorsMayAskForIt()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync(title: "Berm heights");

        // As a hand-in that failed leaves it: the list holds a listing the document no longer has.
        var grains = fixture.Gateway.Services.GetRequiredService<IGrainFactory>();
        var stale = (await grains.GetDocument(document.Id).GetListingAsync())! with { Title = "Stale title" };
        await grains.GetDocumentList(scene.CommunityId).PutAsync(stale);
        var reindex = $"/api/communities/{scene.CommunityId}/documents/reindex";

        var before = await ListedAsync(scene.Bob, scene);
        await scene.Bob.RefusedAsync(HttpMethod.Post, reindex, null, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await scene.Olga.RefusedAsync(HttpMethod.Post, reindex, null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var afterRefusals = await ListedAsync(scene.Bob, scene);
        var reindexed = await scene.Alice.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Post, reindex, null);
        var after = await ListedAsync(scene.Bob, scene);

        Assert.Equal("Stale title:write", before);
        Assert.Equal(before, afterRefusals);
        Assert.Equal(1, reindexed.GetProperty("documents").GetInt32());
        Assert.Equal("Berm heights:write", after);
    }

    /// <summary>The titles in the list as <paramref name="viewer"/> gets it, each with whether they may write.</summary>
    private static async Task<string> ListedAsync(DocumentScene.Person viewer, DocumentScene scene)
    {
        var listed = await viewer.SendAsync<DocumentDetails[]>(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/documents", null);
        return string.Join(", ", listed.Select(d => $"{d.Title}:{(d.CanWrite ? "write" : "read")}"));
    }
}
