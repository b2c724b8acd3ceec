using System.Globalization;
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
        var before = await ScrapeAsync(CancellationToken.None);

        await using var node = NodeYjsClient.Start(fixture.Gateway.Address, document.Id, scene.Bob.Token);
        await node.WaitForAsync("synced", "the y-websocket client syncs with CoPLive");
        using var stop = new CancellationTokenSource();
        Dictionary<string, double> after;
        try
        {
            after = await WaitForMoreAsync(before, stop.Token).Within("/metrics counts the y-websocket open");
        }
        finally
        {
            await stop.CancelAsync();
        }

        foreach (var phase in new[] { "authorize", "upgrade", "open", "sync", "total" })
        {
            Assert.True(after[phase] > before.GetValueOrDefault(phase), $"the open is counted in phase {phase}");
        }
    }

    private async Task<Dictionary<string, double>> WaitForMoreAsync(Dictionary<string, double> before, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = await ScrapeAsync(cancellationToken);
            if (now.GetValueOrDefault("total") > before.GetValueOrDefault("total"))
            {
                return now;
            }

            // The exporter serves a cached scrape for a short while; ask again shortly.
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>The open histogram's sample counts by phase.</summary>
    private async Task<Dictionary<string, double>> ScrapeAsync(CancellationToken cancellationToken)
    {
        var text = await fixture.Gateway.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(Family + "{", StringComparison.Ordinal))
            {
                continue;
            }

            const string Label = "coplive_document_open_phase=\"";
            var start = line.IndexOf(Label, StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            start += Label.Length;
            var phase = line[start..line.IndexOf('"', start)];
            var value = double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            counts[phase] = counts.GetValueOrDefault(phase) + value;
        }

        return counts;
    }
}
