using System.Text.Json;
using CoPLive.Documents.Yjs;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// The concurrent trace friendsforever replayed through the server by two SignalR clients (one per agent, each sending
/// its agent's updates in trace order, both at once); the gateway is a child process killed with SIGKILL once half of
/// the updates were acknowledged, and started again on the same storage; then the rest is sent. A fresh reader must
/// then see exactly the trace's endContent.
/// </summary>
public static class TraceReplayScenario
{
    /// <summary>Largest batch per hub call, in bytes of updates (well under SignalR's 32 KiB message limit once base64).</summary>
    private const int BatchBytes = 12 * 1024;

    public static async Task RunAsync(Dictionary<string, string?> settings)
    {
        settings["CoPLive:Documents:UpdatesPerSecond"] = "10000000";
        settings["CoPLive:Documents:UpdateBurst"] = "10000000";
        var json = EditingTraces.ReadJson("friendsforever");
        var endContent = EditingTraces.EndContent(json);
        ReplayedTrace replay;
        using (var clients = new RealClients())
        {
            replay = clients.ReplayConcurrentTrace(json, DocumentNames.Content);
        }

        var agents = Agents(json);
        var half = replay.Updates.Count / 2;
        var port = FreePorts.Next();
        DocumentScene scene;
        string documentId;
        await using (var first = await GatewayProcess.StartAsync(settings, port))
        {
            scene = await DocumentScene.CreateAsync(first.Address);
            documentId = (await scene.CreateDocumentAsync()).Id;
            await ReplayAsync(scene, documentId, replay, agents, 0, half).Within("the first half of the trace is acknowledged", TimeSpan.FromMinutes(4));
            await first.KillAsync();
        }

        await using var second = await GatewayProcess.StartAsync(settings, port);
        await ReplayAsync(scene, documentId, replay, agents, half, replay.Updates.Count).Within("the second half of the trace is acknowledged", TimeSpan.FromMinutes(4));
        await using var reader = LiveHub.Connect(second.Address, scene.Gus.Token);
        await reader.StartAsync();
        var opened = await reader.InvokeAsync<DocumentOpened>("OpenDocument", documentId, null);
        using var yjs = new V8YjsEngine(NullLogger<V8YjsEngine>.Instance);
        var state = await yjs.MergeUpdatesAsync([opened.Update, .. opened.Tail.Select(t => (ReadOnlyMemory<byte>)t)]);
        var exported = await (await scene.Alice.RawAsync(HttpMethod.Get, $"/api/documents/{documentId}/export?format=markdown", null)).Content.ReadAsStringAsync();

        Assert.Equal(replay.ReferenceText, endContent);
        Assert.Equal(endContent, await yjs.ReadTextAsync(state, DocumentNames.Content));
        Assert.Equal(endContent, exported);
    }

    /// <summary>Sends updates [from, to) of the trace: agent 0's through Alice's connection, agent 1's through Bob's, concurrently.</summary>
    private static async Task ReplayAsync(DocumentScene scene, string documentId, ReplayedTrace replay, int[] agents, int from, int to)
    {
        await Task.WhenAll(
            SendAgentAsync(scene.Alice, documentId, replay, agents, 0, from, to),
            SendAgentAsync(scene.Bob, documentId, replay, agents, 1, from, to));
    }

    private static async Task SendAgentAsync(DocumentScene.Person person, string documentId, ReplayedTrace replay, int[] agents, int agent, int from, int to)
    {
        await using var hub = LiveHub.Connect(person.Gateway, person.Token);
        await hub.StartAsync();
        await hub.InvokeAsync<DocumentOpened>("OpenDocument", documentId, null);
        var batch = new List<byte[]>();
        var bytes = 0;
        for (var i = from; i < to; i++)
        {
            if (agents[i] != agent)
            {
                continue;
            }

            var update = replay.Updates[i].ToArray();
            if (bytes + update.Length > BatchBytes && batch.Count > 0)
            {
                await hub.InvokeAsync<long>("ApplyDocumentUpdates", documentId, batch.ToArray());
                batch.Clear();
                bytes = 0;
            }

            batch.Add(update);
            bytes += update.Length;
        }

        if (batch.Count > 0)
        {
            await hub.InvokeAsync<long>("ApplyDocumentUpdates", documentId, batch.ToArray());
        }
    }

    private static int[] Agents(string json)
    {
        using var trace = JsonDocument.Parse(json);
        return [.. trace.RootElement.GetProperty("txns").EnumerateArray().Select(t => t.GetProperty("agent").GetInt32())];
    }
}
