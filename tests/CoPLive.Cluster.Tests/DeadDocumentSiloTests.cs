using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Documents;
using CoPLive.Documents.Yjs;
using CoPLive.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CoPLive.Cluster.Tests;

/// <summary>
/// The silo that hosts a document's grain is killed with SIGKILL while clients on two other gateway nodes edit it:
/// the document activates anew on a survivor, with a new epoch and no subscribers, and each node repairs its
/// subscription on the first answer that shows it (its clients keep typing), so both clients converge on everything
/// both typed. The three nodes are child processes on PostgreSQL; their output is in the test's.
/// </summary>
public sealed partial class DeadDocumentSiloTests(ITestOutputHelper output)
{
    /// <summary>
    /// Generous on purpose: on a starved machine Orleans declaring the killed silo dead can take minutes. The test
    /// waits for signals; this only bounds how long it waits.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task KillingTheSiloOfADocumentsGrain_LosesNoAcknowledgedEdit_AndClientsOnTwoNodesConverge()
    {
        var settings = NodeSettings($"deaddoc-{Guid.NewGuid():n}");
        using var yjs = new V8YjsEngine(NullLogger<V8YjsEngine>.Instance, maxEngines: 1);
        // Node C starts alone, so the document's grain (activated when it is created through C) lives there.
        await using var nodeC = await GatewayProcess.StartAsync(TestGateway.WithOwnPorts(settings));
        GatewayProcess? nodeA = null;
        GatewayProcess? nodeB = null;
        string Outputs() => $"--- node A ---\n{nodeA?.Output}\n--- node B ---\n{nodeB?.Output}\n--- node C ---\n{nodeC.Output}";
        try
        {
            var contoso = CoPLiveIds.New("contoso");
            var aliceToken = await nodeC.TokenAsync("alice", "Alice", CoPLiveIds.New("northwind"));
            var bobToken = await nodeC.TokenAsync("bob", "Bob", contoso);
            string documentId;
            using (var aliceHttp = nodeC.Client(aliceToken))
            using (var bobHttp = nodeC.Client(bobToken))
            {
                var created = await aliceHttp.PostAsJsonAsync("/api/communities", new { name = "Ground control", domain = "mining" });
                var community = (await created.Content.ReadFromJsonAsync<CommunityDetails>(Json.Options))!;
                (await aliceHttp.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = contoso })).EnsureSuccessStatusCode();
                (await bobHttp.PostAsync($"/api/communities/{community.Id}/join", null)).EnsureSuccessStatusCode();
                var document = await aliceHttp.PostAsJsonAsync($"/api/communities/{community.Id}/documents", new { title = "Bolting pattern", kind = "text" });
                document.EnsureSuccessStatusCode();
                documentId = (await document.Content.ReadFromJsonAsync<DocumentDetails>(Json.Options))!.Id;
            }

            nodeA = await GatewayProcess.StartAsync(TestGateway.WithOwnPorts(settings));
            nodeB = await GatewayProcess.StartAsync(TestGateway.WithOwnPorts(settings));
            await using var alice = await DocumentEditor.OpenAsync(nodeA.Address, aliceToken, "Alice", documentId, yjs, Note);
            await using var bob = await DocumentEditor.OpenAsync(nodeB.Address, bobToken, "Bob", documentId, yjs, Note);
            List<string> typed = [];
            var deadline = DateTime.UtcNow + Patience;
            for (var i = 1; i <= 3; i++)
            {
                await alice.TypeAsync($"[a{i}]", deadline);
                await bob.TypeAsync($"[b{i}]", deadline);
                typed.AddRange([$"[a{i}]", $"[b{i}]"]);
            }

            await alice.WaitForTextAsync(t => HasAll(t, typed), "Alice (node A) sees Bob's edits before the kill", deadline, Outputs);
            await bob.WaitForTextAsync(t => HasAll(t, typed), "Bob (node B) sees Alice's edits before the kill", deadline, Outputs);
            var activation = $"Document {documentId}: activated on silo";
            Assert.True(nodeC.Output.Contains(activation, StringComparison.Ordinal), $"the document's grain was activated on node C\n{Outputs()}");
            Assert.False(
                nodeA.Output.Contains(activation, StringComparison.Ordinal) || nodeB.Output.Contains(activation, StringComparison.Ordinal),
                $"the document's grain lived only on node C before the kill\n{Outputs()}");

            Note("killing node C, which hosts the document's grain");
            await nodeC.KillAsync();

            // Both keep typing at once. Subscriptions live an hour, so no periodic renewal repairs anything during
            // the test: each node must find the new activation from its own calls' answers.
            deadline = DateTime.UtcNow + Patience;
            await Task.WhenAll(TypeManyAsync(alice, "a", 4, 7, deadline), TypeManyAsync(bob, "b", 4, 7, deadline));
            for (var i = 4; i <= 7; i++)
            {
                typed.AddRange([$"[a{i}]", $"[b{i}]"]);
            }

            await alice.WaitForTextAsync(t => HasAll(t, typed), "Alice (node A) comes to have every edit both typed", deadline, Outputs);
            await bob.WaitForTextAsync(t => HasAll(t, typed), "Bob (node B) comes to have every edit both typed", deadline, Outputs);
            await alice.ResyncAnswersAsync();
            await bob.ResyncAnswersAsync();
            using var readHttp = nodeA.Client(aliceToken);
            var export = await (await readHttp.GetAsync($"/api/documents/{documentId}/export?format=markdown")).Content.ReadAsStringAsync();

            var aliceText = await alice.TextAsync();
            Assert.Equal(aliceText, await bob.TextAsync());
            Assert.Equal(typed.Order(StringComparer.Ordinal), Tokens(aliceText).Order(StringComparer.Ordinal));
            Assert.Equal(aliceText, string.Concat(Tokens(aliceText)));
            Assert.Equal(aliceText, export);
            Assert.True(
                nodeA.Output.Contains(activation, StringComparison.Ordinal) || nodeB.Output.Contains(activation, StringComparison.Ordinal),
                $"the document's grain was activated anew on a survivor\n{Outputs()}");
            Assert.True(alice.Resyncs > 0 && bob.Resyncs > 0, $"both nodes resynced their client (Alice {alice.Resyncs}, Bob {bob.Resyncs})\n{Outputs()}");
        }
        finally
        {
            foreach (var (name, node) in new[] { ("A", nodeA), ("B", nodeB) })
            {
                if (node is not null)
                {
                    await node.DisposeAsync();
                    output.WriteLine($"--- node {name} ---\n{node.Output}");
                }
            }

            output.WriteLine($"--- node C ---\n{nodeC.Output}");
        }
    }

    private static async Task TypeManyAsync(DocumentEditor editor, string prefix, int from, int to, DateTime deadline)
    {
        for (var i = from; i <= to; i++)
        {
            await editor.TypeAsync($"[{prefix}{i}]", deadline);
        }
    }

    private static bool HasAll(string text, IEnumerable<string> tokens) => tokens.All(t => text.Contains(t, StringComparison.Ordinal));

    private static List<string> Tokens(string text) => [.. Token().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\[[ab]\d+\]")]
    private static partial Regex Token();

    private void Note(string what) => output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");

    /// <summary>
    /// A cluster node on PostgreSQL. Subscriptions live an hour (renewed every 20 minutes), so that only the prompt
    /// repair can bring a node back to the re-activated document within the test. Failure detection is a little
    /// quicker than Orleans' defaults (<see cref="DeadNodeSettings"/>).
    /// </summary>
    private static Dictionary<string, string?> NodeSettings(string clusterId) =>
        new(DeadNodeSettings.For(clusterId))
        {
            ["CoPLive:Live:SubscriptionLifetime"] = "01:00:00",
        };
}
