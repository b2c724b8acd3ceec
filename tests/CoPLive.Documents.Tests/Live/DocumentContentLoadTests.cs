using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// A document's grain loads its content (snapshot and log) only when it is opened, edited, exported or versioned: a
/// community's document list, a document's details, its versions and an audience change activate the grains without
/// reading or holding their content. Counted on /metrics (coplive_document_content_loads_total).
/// </summary>
[Collection(LiveGatewayCollection.Name)]
public sealed class DocumentContentLoadTests(LiveGatewayFixture fixture)
{
    private const string Loads = "coplive_document_content_loads_total";

    private Uri Address => fixture.Gateway.Address;

    [Fact]
    public async Task ListingAndReadingDetails_LeaveTheContentInStorage_AndAnOpenLoadsItOnce()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var documents = new List<DocumentDetails>();
        for (var i = 0; i < 3; i++)
        {
            var document = await scene.CreateDocumentAsync(title: $"Pit wall inspection {i}");
            await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
            await alice.EditAsync($"doc.getText('content').insert(0, 'Inspection {i}: benches and berms.')");

            // Closed, not only disconnected: the node has no peer left to resync (and so load) the document when it
            // finds the grain activated anew.
            await alice.Hub.InvokeAsync("CloseDocument", document.Id);
            documents.Add(document);
        }

        var grains = fixture.Gateway.Services.GetRequiredService<IGrainFactory>();
        foreach (var document in documents)
        {
            await grains.GetGrain<IDocumentGrain>(document.Id).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        }

        var before = (await PrometheusScrape.TakeAsync(fixture.Gateway.Http)).Sum(Loads);
        var listed = await scene.Bob.SendAsync<DocumentDetails[]>(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/documents", null);
        foreach (var document in documents)
        {
            await scene.Bob.SendAsync<DocumentDetails>(HttpMethod.Get, $"/api/documents/{document.Id}", null);
            await scene.Bob.SendAsync<DocumentVersion[]>(HttpMethod.Get, $"/api/documents/{document.Id}/versions", null);
        }

        await scene.Alice.SendAsync<DocumentDetails>(
            HttpMethod.Put, $"/api/documents/{documents[2].Id}/audience", new { audience = new { organizations = new[] { scene.Alice.OrganizationId } } });

        // The first content read after those: a scrape that shows it shows every load made before it.
        var export = await scene.Bob.RawAsync(HttpMethod.Get, $"/api/documents/{documents[0].Id}/export?format=markdown", null);
        var afterExport = await PrometheusScrape.WaitUntilAsync(fixture.Gateway.Http, s => s.Sum(Loads) > before, "/metrics counts the export's load");

        // A y-websocket open: its authorization starts the load and its open awaits the same one.
        await using (var node = NodeYjsClient.Start(Address, documents[1].Id, scene.Bob.Token))
        {
            await node.WaitForAsync("synced", "the y-websocket client syncs the cold document");
        }

        var afterOpen = await PrometheusScrape.WaitUntilAsync(fixture.Gateway.Http, s => s.Sum(Loads) > before + 1, "/metrics counts the open's load");

        Assert.Equal(documents.Select(d => d.Id).Order(), listed.Select(d => d.Id).Order());
        Assert.Equal("Inspection 0: benches and berms.", await export.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, afterExport.Sum(Loads));
        Assert.Equal(before + 2, afterOpen.Sum(Loads));
    }
}
