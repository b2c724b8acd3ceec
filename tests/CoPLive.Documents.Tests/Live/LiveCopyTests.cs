using System.Net;
using CoPLive.Documents.Yjs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// The document grain's live copy in V8, seen from clients: batches are checked against the document's real state,
/// and a batch that Yjs refuses leaves the document, its log and later writes as if it had never been sent. (The
/// fixture keeps one live document per engine, so the copies here are also closed and reopened by other tests.)
/// </summary>
[Collection(LiveGatewayCollection.Name)]
public sealed class LiveCopyTests(LiveGatewayFixture fixture)
{
    private Uri Address => fixture.Gateway.Address;

    [Fact]
    public async Task ABatchThatYjsCannotApplyOnTopOfTheDocument_IsRefusedWhole_AndChangesNeitherTheDocumentNorItsLog()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        var before = await alice.EditAsync("doc.getText('content').insert(0, 'Intact.')");
        var state = await alice.StateAsync();
        var refusedByYjs = await RefusedByYjsAsync(state);
        var good = await alice.MakeAsync("doc.getText('content').insert(7, ' Still.')");

        var refusal = await Assert.ThrowsAsync<HubException>(() => alice.ApplyAsync(good, refusedByYjs));
        await using var bob = await HubDocumentClient.OpenAsync(Address, scene.Bob.Token, document.Id, fixture.Yjs, fixture.Clients);
        var textAfterRefusal = await bob.TextAsync();
        var exportAfterRefusal = await scene.Bob.RawAsync(HttpMethod.Get, $"/api/documents/{document.Id}/export?format=markdown", null);
        var after = await alice.ApplyAsync(good);
        await bob.WaitForTextAsync("Intact. Still.", "Bob receives Alice's update sent again after the refused batch");
        var exportAfterResend = await scene.Bob.RawAsync(HttpMethod.Get, $"/api/documents/{document.Id}/export?format=markdown", null);

        Assert.Contains("HubException: invalid-update: Update 1 cannot be applied by Yjs", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("Intact.", textAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, exportAfterRefusal.StatusCode);
        Assert.Equal("Intact.", await exportAfterRefusal.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, after);
        Assert.Equal("Intact. Still.", await exportAfterResend.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ManyBatches_ThenAClientThatOpensWithAStateVector_GetsExactlyWhatItLacks()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        var typed = "";
        for (var i = 0; i < 40; i++)
        {
            var piece = $"[{i}]";
            await alice.EditAsync($"doc.getText('content').insert({typed.Length}, {System.Text.Json.JsonSerializer.Serialize(piece)})");
            typed += piece;
        }

        var half = await fixture.Yjs.MergeUpdatesAsync([await alice.StateAsync()]);
        await alice.EditAsync($"doc.getText('content').insert({typed.Length}, ' and more')");
        var opened = await alice.Hub.InvokeAsync<DocumentOpened>("OpenDocument", document.Id, await fixture.Yjs.EncodeStateVectorAsync(half));
        var completed = await fixture.Yjs.MergeUpdatesAsync([half, opened.Update, .. opened.Tail.Select(u => (ReadOnlyMemory<byte>)u)]);

        Assert.Equal(typed + " and more", await fixture.Yjs.ReadTextAsync(completed, DocumentNames.Content));
        Assert.True(opened.Update.Length + opened.Tail.Sum(u => u.Length) < half.Length, "the answer to a state vector carries what the client lacks, not the whole document");
    }

    /// <summary>
    /// An update that the C# decoder reads but that Yjs cannot apply on top of <paramref name="state"/>: bytes of a real
    /// update flipped at random (a fixed seed) until one is such.
    /// </summary>
    private async Task<byte[]> RefusedByYjsAsync(byte[] state)
    {
        byte[] update;
        lock (fixture.Clients)
        {
            update = fixture.Clients.Change(state, "doc.getMap('elements').set('a', { type: 'sticky', x: 1, y: 2, tags: ['a', 1] }); doc.getText('other').insert(0, 'xyz', { bold: true })");
        }

        var random = new Random(5);
        for (var i = 0; i < 20_000; i++)
        {
            var mutated = update.ToArray();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            try
            {
                YjsUpdateDecoder.Validate(mutated);
            }
            catch (InvalidYjsUpdateException)
            {
                continue;
            }

            try
            {
                await fixture.Yjs.MergeUpdatesAsync([state, mutated]);
            }
            catch (InvalidYjsUpdateException)
            {
                return mutated;
            }
        }

        throw new InvalidOperationException("No flipped byte made an update that the C# decoder reads and Yjs refuses.");
    }
}
