using CoPLive.Analytics;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// Document contributors in the community's analytics come from real edits (SignalR hub, real Yjs clients) by members of
/// two organizations, and are stored content: a rebuild of the analytics, which replaces every fact with what the
/// threads, meetups and documents hold, gives the same contributors.
/// </summary>
[Collection(LiveGatewayCollection.Name)]
public sealed class DocumentContributorsTests(LiveGatewayFixture fixture)
{
    private Uri Address => fixture.Gateway.Address;

    [Fact]
    public async Task RealEditsByTwoOrganizations_AreTheDocumentsContributors_AndARebuildRestoresThem()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using (var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients))
        await using (var bob = await HubDocumentClient.OpenAsync(Address, scene.Bob.Token, document.Id, fixture.Yjs, fixture.Clients))
        {
            await alice.EditAsync("doc.getText('content').insert(0, 'Check the toe drains. ')");
            await alice.EditAsync("doc.getText('content').insert(0, 'Weekly: ')");
            await bob.EditAsync("doc.getText('content').insert(0, 'Contoso adds: ')");
        }

        // The fixture ends a session after a second without updates; each is stored, then published.
        var live = await ReportWaiter.UntilAsync(scene.Alice, scene.CommunityId, r => ReportWaiter.Row(r, document.Id)?.Sessions == 2, "both editing sessions reach the analytics");
        var expected = ReportWaiter.AliceAndBobOnce(scene);
        Assert.Equal(expected, ReportWaiter.Contributors(live, document.Id));

        var rebuilt = await scene.Alice.SendAsync<AnalyticsRebuilt>(HttpMethod.Post, $"/api/communities/{scene.CommunityId}/analytics/rebuild", null);
        var after = await scene.Alice.SendAsync<AnalyticsReport>(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/analytics", null);

        Assert.Equal((0, 0, 1, 2), (rebuilt.Threads, rebuilt.Meetups, rebuilt.Documents, rebuilt.Events));
        Assert.Equal(expected, ReportWaiter.Contributors(after, document.Id));
    }
}
