using CoPLive.Testing;

namespace CoPLive.Documents.Tests.Live;

/// <summary>The server's timing of y-websocket opens, as an operator reads it on /metrics.</summary>
[Collection(LiveGatewayCollection.Name)]
public sealed class DocumentOpenTimingTests(LiveGatewayFixture fixture)
{
    private const string Family = "coplive_document_open_duration_milliseconds_count";

    [Fact]
    public async Task AYWebsocketOpen_IsTimedByPhase_OnMetrics()
    {
        var scene = await DocumentScene.CreateAsync(fixture.Gateway.Address);
        var document = await scene.CreateDocumentAsync();
        var before = await PrometheusScrape.TakeAsync(fixture.Gateway.Http);

        await using var node = NodeYjsClient.Start(fixture.Gateway.Address, document.Id, scene.Bob.Token);
        await node.WaitForAsync("synced", "the y-websocket client syncs with CoPLive");
        var after = await PrometheusScrape.WaitUntilAsync(
            fixture.Gateway.Http, s => Phase(s, "total") > Phase(before, "total"), "/metrics counts the y-websocket open");

        foreach (var phase in new[] { "authorize", "upgrade", "open", "sync", "total" })
        {
            Assert.True(Phase(after, phase) > Phase(before, phase), $"the open is counted in phase {phase}");
        }
    }

    private static double Phase(PrometheusScrape scrape, string phase) => scrape.Sum(Family, $"coplive_document_open_phase=\"{phase}\"");
}
