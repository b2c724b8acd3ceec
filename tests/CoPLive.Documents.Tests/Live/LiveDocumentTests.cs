using System.Net;
using System.Net.WebSockets;
using CoPLive.Common;
using CoPLive.Documents.Yjs;
using CoPLive.Gateway.Documents;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// Documents live, against a real gateway on loopback: an unmodified npm y-websocket client (Node) and SignalR clients
/// edit the same documents; refusals, limits, awareness, stage only.
/// </summary>
[Collection(LiveGatewayCollection.Name)]
public sealed class LiveDocumentTests(LiveGatewayFixture fixture)
{
    private Uri Address => fixture.Gateway.Address;

    [Fact]
    public async Task AYWebsocketProviderAndASignalRClient_EditConcurrently_AndConvergeToTheSameText()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var node = NodeYjsClient.Start(Address, document.Id, scene.Bob.Token);
        await node.WaitForAsync("synced", "the y-websocket client syncs with CoPLive");
        await using var hub = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);

        const string typedByNode = "typed through y-websocket. ";
        const string typedByHub = "Typed through SignalR. ";
        var nodeTyping = node.SendAsync(new { op = "type", text = typedByNode });
        var hubEdits = new List<Task<long>>();
        foreach (var c in typedByHub)
        {
            hubEdits.Add(hub.EditAsync($"doc.getText('content').insert(0, {System.Text.Json.JsonSerializer.Serialize(c.ToString())})"));
        }

        await nodeTyping;
        await Task.WhenAll(hubEdits).Within("the server acknowledges the SignalR client's edits");
        await node.WaitForAsync("typed", "the y-websocket client typed its text");
        var total = typedByNode.Length + typedByHub.Length;
        await hub.WaitUntilAsync(async c => (await c.TextAsync()).Length == total, "the SignalR client receives the y-websocket client's typing");
        var converged = await hub.TextAsync();
        await node.WaitForTextAsync(converged, "the y-websocket client's text equals the SignalR client's");
        var exported = await scene.Bob.RawAsync(HttpMethod.Get, $"/api/documents/{document.Id}/export?format=markdown", null);

        Assert.Equal((typedByNode + typedByHub).Order(), converged.Order());
        Assert.Contains(typedByNode, converged, StringComparison.Ordinal);
        Assert.Equal(converged, await exported.Content.ReadAsStringAsync());
        Assert.Empty(node.EventsOf("denied"));
    }

    [Fact]
    public async Task Documents_AreCreatedListedAndRead_ThroughRest_WithinTheirAudience()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var open = await scene.CreateDocumentAsync("text", title: "Open to all");
        var northwindOnly = await scene.CreateDocumentAsync("whiteboard", audience: new { organizations = new[] { scene.Alice.OrganizationId } }, title: "Northwind board");

        var aliceList = await scene.Alice.SendAsync<DocumentDetails[]>(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/documents", null);
        var bobList = await scene.Bob.SendAsync<DocumentDetails[]>(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/documents", null);
        var gusView = await scene.Gus.SendAsync<DocumentDetails>(HttpMethod.Get, $"/api/documents/{northwindOnly.Id}", null);

        Assert.Equal(DocumentKind.Text, open.Kind);
        Assert.Equal(DocumentKind.Whiteboard, northwindOnly.Kind);
        Assert.Equal(["Northwind board", "Open to all"], aliceList.Select(d => d.Title));
        Assert.Equal(["Open to all"], bobList.Select(d => d.Title));
        Assert.False(gusView.CanWrite);
        await scene.Bob.RefusedAsync(HttpMethod.Get, $"/api/documents/{northwindOnly.Id}", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Bob.RefusedAsync(HttpMethod.Get, $"/api/documents/{northwindOnly.Id}/export?format=svg", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Olga.RefusedAsync(HttpMethod.Get, $"/api/documents/{open.Id}", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Olga.RefusedAsync(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/documents", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Alice.RefusedAsync(HttpMethod.Get, "/api/documents/no-such-document", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Gus.RefusedAsync(HttpMethod.Post, $"/api/communities/{scene.CommunityId}/documents", new { title = "By a guest", kind = "text" }, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await scene.Alice.RefusedAsync(HttpMethod.Post, $"/api/communities/{scene.CommunityId}/documents", new { title = "No kind" }, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await scene.Alice.RefusedAsync(HttpMethod.Post, $"/api/communities/{scene.CommunityId}/documents", new { title = "", kind = "text" }, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await scene.Alice.RefusedAsync(HttpMethod.Post, $"/api/communities/{scene.CommunityId}/documents", new { id = open.Id, title = "Again", kind = "text" }, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await scene.Alice.RefusedAsync(HttpMethod.Get, $"/api/documents/{open.Id}/export?format=svg", null, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task OutsidersAndUnknownIds_AreNotFound_OnTheHubAndTheYjsEndpoint()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var olga = LiveHub.Connect(Address, scene.Olga.Token);
        await olga.StartAsync();

        var hubRefusal = await Assert.ThrowsAsync<HubException>(() => olga.InvokeAsync<DocumentOpened>("OpenDocument", document.Id, null));
        var unknown = await Assert.ThrowsAsync<HubException>(() => olga.InvokeAsync<DocumentOpened>("OpenDocument", "no-such-document", null));
        var outsiderStatus = await RawYjsSocket.RefusedStatusAsync(Address, document.Id, scene.Olga.Token);
        var unknownStatus = await RawYjsSocket.RefusedStatusAsync(Address, "no-such-document", scene.Alice.Token);
        var anonymousStatus = await RawYjsSocket.RefusedStatusAsync(Address, document.Id, "not-a-token");

        Assert.Contains("HubException: not-found: ", hubRefusal.Message, StringComparison.Ordinal);
        Assert.Contains("HubException: not-found: ", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, outsiderStatus);
        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousStatus);
    }

    [Fact]
    public async Task AGuestsWrites_AreForbidden_AndTheirReadSessionGoesOn()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        await using var gusHub = await HubDocumentClient.OpenAsync(Address, scene.Gus.Token, document.Id, fixture.Yjs, fixture.Clients);
        await using var gusNode = NodeYjsClient.Start(Address, document.Id, scene.Gus.Token);
        await gusNode.WaitForAsync("synced", "the guest's y-websocket client syncs");

        var hubRefusal = await Assert.ThrowsAsync<HubException>(() => gusHub.EditAsync("doc.getText('content').insert(0, 'guest was here')"));
        await gusNode.SendAsync(new { op = "insert", index = 0, text = "guest again" });
        var denied = await gusNode.WaitForAsync("denied", "the guest's y-websocket client is told its write was refused");
        await alice.EditAsync("doc.getText('content').insert(0, 'Alice writes.')");
        await gusHub.WaitUntilAsync(async c => (await c.TextAsync()).Contains("Alice writes.", StringComparison.Ordinal), "the guest's hub session still receives edits");
        var nodeText = await gusNode.WaitForTextContainingAsync("Alice writes.", "the guest's y-websocket session still receives edits");
        var exported = await (await scene.Alice.RawAsync(HttpMethod.Get, $"/api/documents/{document.Id}/export?format=markdown", null)).Content.ReadAsStringAsync();

        Assert.Contains("HubException: forbidden: ", hubRefusal.Message, StringComparison.Ordinal);
        Assert.StartsWith("forbidden: ", (string)denied["reason"]!, StringComparison.Ordinal);
        Assert.Contains("Alice writes.", nodeText, StringComparison.Ordinal);
        Assert.Equal("Alice writes.", exported);
    }

    [Fact]
    public async Task MalformedAndOversizeUpdates_AreRefused_TheDocumentIsUnchanged_AndTheSocketStaysOpen()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        await alice.EditAsync("doc.getText('content').insert(0, 'Intact.')");
        await using var raw = await RawYjsSocket.ConnectAsync(Address, document.Id, scene.Bob.Token);
        var good = await alice.MakeAsync("doc.getText('content').insert(7, ' Still.')");

        var truncated = good[..^3];
        var hubMalformed = await Assert.ThrowsAsync<HubException>(() => alice.ApplyAsync([1, 2, 3, 200]));
        var hubTruncated = await Assert.ThrowsAsync<HubException>(() => alice.ApplyAsync(truncated));
        var hubOversize = await Assert.ThrowsAsync<HubException>(() => alice.ApplyAsync(new byte[LiveGatewayFixture.MaxUpdateBytes + 1]));
        await raw.SendUpdateAsync([0xff, 0xff, 0xff]);
        var socketMalformed = await raw.NextRefusalAsync();
        await raw.SendUpdateAsync(new byte[LiveGatewayFixture.MaxUpdateBytes + 100]);
        var socketOversize = await raw.NextRefusalAsync();
        await raw.SendAsync([0, 2, 5, 1]);
        var socketBadFrame = await raw.NextRefusalAsync();
        await using var gus = await HubDocumentClient.OpenAsync(Address, scene.Gus.Token, document.Id, fixture.Yjs, fixture.Clients);
        await raw.SendUpdateAsync(good);
        await gus.WaitForTextAsync("Intact. Still.", "Bob's well-formed update, sent after the refused ones, reaches Gus");
        var exported = await (await scene.Alice.RawAsync(HttpMethod.Get, $"/api/documents/{document.Id}/export?format=markdown", null)).Content.ReadAsStringAsync();

        Assert.Contains("HubException: invalid-update: ", hubMalformed.Message, StringComparison.Ordinal);
        Assert.Contains("HubException: invalid-update: ", hubTruncated.Message, StringComparison.Ordinal);
        Assert.Contains("HubException: too-large: ", hubOversize.Message, StringComparison.Ordinal);
        Assert.StartsWith("invalid-update: ", socketMalformed, StringComparison.Ordinal);
        Assert.StartsWith("too-large: ", socketOversize, StringComparison.Ordinal);
        Assert.StartsWith("invalid-update: ", socketBadFrame, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, raw.State);
        Assert.Equal("Intact. Still.", exported);
    }

    [Fact]
    public async Task UpdatesSentBackToBack_ReachOthersAsAtMostOneMessageEach_WithoutAnEcho_AndAMalformedOneAmongThemIsRefusedAlone()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var writer = await RawYjsSocket.ConnectAsync(Address, document.Id, scene.Bob.Token);
        await using var observer = await RawYjsSocket.ConnectAsync(Address, document.Id, scene.Gus.Token);
        await writer.NextSyncStep1Async().Within("the writer's session opens");
        await observer.NextSyncStep1Async().Within("the observer's session opens");
        const string typed = "Typed back to back: the server may relay a batch of them as one update. ";
        byte[] written = [0, 0];
        var updates = new List<byte[]>();
        for (var i = 0; i < typed.Length; i++)
        {
            var update = fixture.Clients.Change(written, $"doc.getText('content').insert({i}, {System.Text.Json.JsonSerializer.Serialize(typed[i].ToString())})");
            written = fixture.Clients.Apply(written, update);
            updates.Add(update);
        }

        for (var i = 0; i < updates.Count; i++)
        {
            if (i == updates.Count / 2)
            {
                await writer.SendUpdateAsync([0xff, 0xff, 0xff]);
            }

            await writer.SendUpdateAsync(updates[i]);
        }

        byte[] observed = [0, 0];
        var messages = 0;
        while (await fixture.Yjs.ReadTextAsync(observed, DocumentNames.Content) != typed)
        {
            var relayed = await observer.NextUpdateAsync().Within("the observer receives the typing");
            observed = fixture.Clients.Apply(observed, relayed!);
            messages++;
        }

        // Alice's edit is relayed after all of the writer's batches: an echo of them would reach the writer before it.
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        await alice.EditAsync("doc.getText('content').insert(0, '> ')");
        var toWriter = new List<byte[]>();
        while (toWriter.Count == 0 || toWriter[^1][0] != YjsMessages.Sync)
        {
            var message = await writer.ReceiveAsync().Within("the writer receives Alice's edit");
            toWriter.Add(message!);
        }

        var (aliceType, aliceSyncType, aliceUpdate) = Read(toWriter[^1]);
        var refusals = toWriter.SkipLast(1).Where(m => m[0] == YjsMessages.Auth).ToList();
        var refusal = ReadRefusal(Assert.Single(refusals));
        Assert.Equal((YjsMessages.Sync, YjsMessages.SyncUpdate), (aliceType, aliceSyncType));
        Assert.Equal("> " + typed, await fixture.Yjs.ReadTextAsync(fixture.Clients.Apply(written, aliceUpdate), DocumentNames.Content));
        Assert.StartsWith("invalid-update: ", refusal, StringComparison.Ordinal);
        Assert.InRange(messages, 1, updates.Count);
        Assert.Equal("> " + typed, await (await scene.Alice.RawAsync(HttpMethod.Get, $"/api/documents/{document.Id}/export?format=markdown", null)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AFlood_IsRateLimited_TheHubCallerIsRefused_AndTheYjsSocketIsClosed()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        var update = await alice.MakeAsync("doc.getText('content').insert(0, 'x')");
        await using var raw = await RawYjsSocket.ConnectAsync(Address, document.Id, scene.Bob.Token);

        var hubFlood = await Assert.ThrowsAsync<HubException>(() => alice.ApplyAsync([.. Enumerable.Repeat(update, LiveGatewayFixture.UpdateBurst + 1)]));
        var withinLimit = await alice.ApplyAsync(update);
        for (var i = 0; i < LiveGatewayFixture.UpdateBurst * 3 && raw.State == WebSocketState.Open; i++)
        {
            try
            {
                await raw.SendUpdateAsync(update);
            }
            catch (WebSocketException)
            {
                break;
            }
        }

        var socketRefusal = await raw.NextRefusalAsync().Within("the flooding socket is told it is rate-limited");
        var closed = await raw.ReceiveAsync().Within("the flooding socket is closed");

        Assert.Contains("HubException: rate-limited: ", hubFlood.Message, StringComparison.Ordinal);
        Assert.True(withinLimit > 0);
        Assert.StartsWith("rate-limited: ", socketRefusal, StringComparison.Ordinal);
        Assert.Null(closed);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, raw.CloseStatus);
        Assert.Equal("rate-limited", raw.CloseStatusDescription);
    }

    [Fact]
    public async Task Awareness_IsRelayed_AndClearedWhenTheConnectionGoes()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        var node = NodeYjsClient.Start(Address, document.Id, scene.Bob.Token);
        await node.WaitForAsync("synced", "Bob's y-websocket client syncs");

        await node.SendAsync(new { op = "awareness", state = new { user = "Bob", cursor = 3 } });
        await alice.WaitUntilAsync(c => Task.FromResult(Entries(c).Any(e => e.State.Contains("\"Bob\"", StringComparison.Ordinal))), "Alice sees Bob's cursor");
        var bobClient = Entries(alice).First(e => e.State.Contains("\"Bob\"", StringComparison.Ordinal)).ClientId;
        await node.DisposeAsync();
        await alice.WaitUntilAsync(c => Task.FromResult(Entries(c).Any(e => e.ClientId == bobClient && e.IsRemoved)), "Alice sees Bob's cursor go when his connection closes");
        await alice.Hub.InvokeAsync("SendDocumentAwareness", document.Id, AwarenessCodec.Encode([new AwarenessEntry(42, 1, "{\"user\":\"Alice\"}")]));
        var bad = await Assert.ThrowsAsync<HubException>(() => alice.Hub.InvokeAsync("SendDocumentAwareness", document.Id, new byte[] { 5, 1 }));

        Assert.Contains("HubException: invalid-update: ", bad.Message, StringComparison.Ordinal);
        await alice.WaitUntilAsync(c => Task.FromResult(Entries(c).Any(e => e.ClientId == 42)), "Alice's own awareness is relayed");

        static List<AwarenessEntry> Entries(HubDocumentClient client) => [.. client.AwarenessReceived.SelectMany(u => AwarenessCodec.Decode(u))];
    }

    [Fact]
    public async Task AStageOnlyWhiteboard_RefusesTheAudience_ButNotTheHost()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var board = await scene.CreateDocumentAsync("whiteboard", title: "Meetup board");
        var startsAt = DateTimeOffset.UtcNow.AddHours(1);
        var meetup = await scene.Alice.SendAsync<System.Text.Json.JsonElement>(
            HttpMethod.Post, $"/api/communities/{scene.CommunityId}/meetups", new { title = "Haul roads", startsAt, endsAt = startsAt.AddHours(1) });
        var meetupId = meetup.GetProperty("id").GetString()!;
        await scene.Alice.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Put, $"/api/meetups/{meetupId}/links/whiteboard", new { documentId = board.Id });
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, board.Id, fixture.Yjs, fixture.Clients);
        await using var bob = await HubDocumentClient.OpenAsync(Address, scene.Bob.Token, board.Id, fixture.Yjs, fixture.Clients);

        await bob.EditAsync("doc.getMap('elements').set('n1', { type: 'sticky', x: 0, y: 0, text: 'Before' })");
        await scene.Bob.RefusedAsync(HttpMethod.Put, $"/api/meetups/{meetupId}/stage-only/whiteboard", null, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var stageOnly = await scene.Alice.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Put, $"/api/meetups/{meetupId}/stage-only/whiteboard", null);
        var refused = await Assert.ThrowsAsync<HubException>(() => bob.EditAsync("doc.getMap('elements').set('n2', { type: 'sticky', x: 0, y: 0, text: 'During' })"));
        await alice.EditAsync("doc.getMap('elements').set('n3', { type: 'sticky', x: 0, y: 200, text: 'Host' })");
        var bobDetails = await scene.Bob.SendAsync<DocumentDetails>(HttpMethod.Get, $"/api/documents/{board.Id}", null);
        await scene.Alice.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Delete, $"/api/meetups/{meetupId}/stage-only/whiteboard", null);
        await bob.EditAsync("doc.getMap('elements').set('n4', { type: 'sticky', x: 0, y: 400, text: 'After' })");
        var svg = await (await scene.Bob.RawAsync(HttpMethod.Get, $"/api/documents/{board.Id}/export?format=svg", null)).Content.ReadAsStringAsync();

        Assert.Equal(["whiteboard"], stageOnly.GetProperty("stageOnly").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("HubException: forbidden: ", refused.Message, StringComparison.Ordinal);
        Assert.False(bobDetails.CanWrite);
        Assert.Contains(">Before<", svg, StringComparison.Ordinal);
        Assert.Contains(">Host<", svg, StringComparison.Ordinal);
        Assert.Contains(">After<", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("During", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenADocumentsActivationEnds_ItsLogIsCompacted_AndEditsNotYetInAVersionAreSavedAsOne_Once()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        var grain = fixture.Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IDocumentGrain>(document.Id).Cast<IGrainManagementExtension>();
        await using (var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients))
        {
            await alice.EditAsync("doc.getText('content').insert(0, 'Left for the night')");
        }

        // Collected when unused (or its silo stopping) ends the activation the same way.
        await grain.DeactivateOnIdle();
        var afterFirst = await WaitForVersionsAsync(scene, document.Id, 1);
        var stored = await fixture.Gateway.Services.GetRequiredService<IDocumentStore>().LoadAsync(document.Id, CancellationToken.None);
        await grain.DeactivateOnIdle();
        await scene.Alice.SendAsync<DocumentVersion>(HttpMethod.Post, $"/api/documents/{document.Id}/versions", new { name = "Marker" });
        var afterSecond = await scene.Alice.SendAsync<DocumentVersion[]>(HttpMethod.Get, $"/api/documents/{document.Id}/versions", null);
        var idle = await scene.Alice.SendAsync<DocumentVersionView>(HttpMethod.Get, $"/api/documents/{document.Id}/versions/{afterFirst[0].Id}", null);

        Assert.Empty(stored.Tail);
        Assert.Equal("Left for the night", await fixture.Yjs.ReadTextAsync(stored.Snapshot!, DocumentNames.Content));
        Assert.Equal(["idle"], afterFirst.Select(v => v.Reason));
        Assert.Equal("Left for the night", idle.Content);
        Assert.Equal(["idle", "named"], afterSecond.Select(v => v.Reason));
    }

    private static async Task<DocumentVersion[]> WaitForVersionsAsync(DocumentScene scene, string documentId, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var versions = await scene.Alice.SendAsync<DocumentVersion[]>(HttpMethod.Get, $"/api/documents/{documentId}/versions", null);
            if (versions.Length >= count || DateTime.UtcNow > deadline)
            {
                return versions;
            }

            // The deactivation runs after the call that asked for it returned; the list is read again until it shows.
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public async Task Versions_AreSavedListedViewed_AndRestoredAsAChangeEveryoneReceives()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        await using var bob = await HubDocumentClient.OpenAsync(Address, scene.Bob.Token, document.Id, fixture.Yjs, fixture.Clients);
        await alice.EditAsync("doc.getText('content').insert(0, '# Checklist\\n- drainage')");

        var saved = await scene.Alice.SendAsync<DocumentVersion>(HttpMethod.Post, $"/api/documents/{document.Id}/versions", new { name = "First draft" });
        await bob.EditAsync("doc.getText('content').delete(0, 11); doc.getText('content').insert(0, 'Scrapped')");
        await alice.WaitForTextAsync("Scrapped\n- drainage", "Alice receives Bob's edit");
        await scene.Gus.RefusedAsync(HttpMethod.Post, $"/api/documents/{document.Id}/versions/{saved.Id}/restore", null, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await scene.Gus.RefusedAsync(HttpMethod.Post, $"/api/documents/{document.Id}/versions", new { name = "Guest" }, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await scene.Alice.RefusedAsync(HttpMethod.Get, $"/api/documents/{document.Id}/versions/no-such-version", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var view = await scene.Gus.SendAsync<DocumentVersionView>(HttpMethod.Get, $"/api/documents/{document.Id}/versions/{saved.Id}", null);
        await scene.Alice.SendAsync<System.Text.Json.JsonElement>(HttpMethod.Post, $"/api/documents/{document.Id}/versions/{saved.Id}/restore", null);
        await bob.WaitForTextAsync("# Checklist\n- drainage", "Bob receives the restore as a change");
        await alice.WaitForTextAsync("# Checklist\n- drainage", "Alice receives the restore as a change");
        var versions = await scene.Bob.SendAsync<DocumentVersion[]>(HttpMethod.Get, $"/api/documents/{document.Id}/versions", null);

        Assert.Equal("First draft", saved.Name);
        Assert.Equal("# Checklist\n- drainage", view.Content);
        Assert.Equal(["named", "before-restore"], versions.Select(v => v.Reason));
        Assert.Equal("Scrapped\n- drainage", (await scene.Bob.SendAsync<DocumentVersionView>(HttpMethod.Get, $"/api/documents/{document.Id}/versions/{versions[1].Id}", null)).Content);
    }

    [Fact]
    public async Task AWhiteboard_ExportsAsSvg_WithEveryKindOfElement()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var board = await scene.CreateDocumentAsync("whiteboard", title: "Pit <layout>");
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, board.Id, fixture.Yjs, fixture.Clients);
        await alice.EditAsync(
            """
            const e = doc.getMap('elements')
            e.set('s1', { type: 'stroke', points: [[0, 0], [10, 10], [20, 5]], stroke: '#ff0000', strokeWidth: 3 })
            e.set('r1', { type: 'shape', shape: 'rectangle', x: 100, y: 100, width: 80, height: 40, fill: '#eeeeee', text: 'Crusher' })
            e.set('e1', { type: 'shape', shape: 'ellipse', x: 300, y: 100, width: 60, height: 60 })
            e.set('n1', { type: 'sticky', x: 100, y: 300, text: 'Check <drainage> & berms' })
            e.set('t1', { type: 'text', x: 10, y: 400, text: 'Haul road', fontSize: 20 })
            e.set('c1', { type: 'connector', from: 'r1', to: 'e1' })
            e.set('x1', { type: 'unknown-kind', x: 1 })
            """);

        var response = await scene.Bob.RawAsync(HttpMethod.Get, $"/api/documents/{board.Id}/export?format=svg", null);
        var svg = await response.Content.ReadAsStringAsync();

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title>Pit &lt;layout&gt;</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<polyline data-id=\"s1\" points=\"0,0 10,10 20,5\"", svg, StringComparison.Ordinal);
        Assert.Contains("<rect data-id=\"r1\"", svg, StringComparison.Ordinal);
        Assert.Contains(">Crusher<", svg, StringComparison.Ordinal);
        Assert.Contains("<ellipse data-id=\"e1\"", svg, StringComparison.Ordinal);
        Assert.Contains("Check &lt;drainage&gt; &amp; berms", svg, StringComparison.Ordinal);
        Assert.Contains(">Haul road<", svg, StringComparison.Ordinal);
        Assert.Contains("<line data-id=\"c1\" x1=\"140\" y1=\"120\" x2=\"330\" y2=\"130\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("data-id=\"x1\"", svg, StringComparison.Ordinal);
        System.Xml.Linq.XDocument.Parse(svg);
    }

    [Fact]
    public async Task RemovingAMember_EndsTheirOpenDocumentSessions_OnTheHubAndOverYWebsocket()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var bobHub = await HubDocumentClient.OpenAsync(Address, scene.Bob.Token, document.Id, fixture.Yjs, fixture.Clients);
        var revoked = new TaskCompletionSource<Gateway.Live.AccessRevoked>(TaskCreationOptions.RunContinuationsAsynchronously);
        bobHub.Hub.On<Gateway.Live.AccessRevoked>("AccessRevoked", r => revoked.TrySetResult(r));
        await using var raw = await RawYjsSocket.ConnectAsync(Address, document.Id, scene.Bob.Token);

        var removal = await scene.Alice.RawAsync(HttpMethod.Delete, $"/api/communities/{scene.CommunityId}/members/{scene.Bob.UserId}", null);
        var hubRevocation = await revoked.Task.Within("Bob's hub session is told his access ended");
        var socketRefusal = await raw.NextRefusalAsync().Within("Bob's y-websocket session is told his access ended");
        var closed = await raw.ReceiveAsync().Within("Bob's y-websocket session is closed");
        var write = await Assert.ThrowsAsync<HubException>(() => bobHub.EditAsync("doc.getText('content').insert(0, 'after removal')"));

        Assert.True(removal.IsSuccessStatusCode);
        Assert.Equal($"document:{document.Id}", hubRevocation.Room);
        Assert.Equal(ErrorCodes.Forbidden, hubRevocation.Code);
        Assert.StartsWith("forbidden: ", socketRefusal, StringComparison.Ordinal);
        Assert.Null(closed);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, raw.CloseStatus);
        Assert.Contains("HubException: forbidden: ", write.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdatesWithBytesFlippedAtRandom_NeverCorruptTheDocument()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        await alice.EditAsync("doc.getText('content').insert(0, 'Intact.')");
        byte[] update;
        lock (fixture.Clients)
        {
            update = fixture.Clients.Change(new byte[] { 0, 0 }, "doc.getMap('elements').set('a', { type: 'sticky', x: 1, y: 2, tags: ['a', 1] }); doc.getText('other').insert(0, 'xyz', { bold: true })");
        }

        var random = new Random(5);
        var refused = 0;
        for (var i = 0; i < 300; i++)
        {
            var mutated = update.ToArray();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            try
            {
                await alice.ApplyAsync(mutated);
            }
            catch (HubException error) when (error.Message.Contains("HubException: invalid-update: ", StringComparison.Ordinal))
            {
                refused++;
            }
        }

        await using var reader = await HubDocumentClient.OpenAsync(Address, scene.Bob.Token, document.Id, fixture.Yjs, fixture.Clients);
        var export = await scene.Bob.RawAsync(HttpMethod.Get, $"/api/documents/{document.Id}/export?format=markdown", null);

        Assert.InRange(refused, 1, 300);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("Intact.", await export.Content.ReadAsStringAsync());
        Assert.Equal("Intact.", await reader.TextAsync());
    }

    private static (ulong Type, ulong SyncType, byte[] Body) Read(byte[] message)
    {
        var reader = new Lib0Reader(message);
        return (reader.ReadVarUint(), reader.ReadVarUint(), reader.ReadVarUint8Array().ToArray());
    }

    /// <summary>The reason of a permission-denied auth message; fails on any other message.</summary>
    private static string ReadRefusal(byte[] message)
    {
        var reader = new Lib0Reader(message);
        Assert.Equal((YjsMessages.Auth, 0UL), (reader.ReadVarUint(), reader.ReadVarUint()));
        return reader.ReadVarString();
    }
}
