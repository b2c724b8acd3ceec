using CoPLive.Gateway.Documents;
using CoPLive.Gateway.Live;
using CoPLive.Identity;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// A document grain activated anew (here deactivated on purpose; in production its silo died) while clients have the
/// document open: the gateway node finds the new epoch on the first answer that shows it (here an edit through the
/// node) and resyncs every open client, so what the new activation lacks flows back and what the clients missed
/// reaches them. A subscription that lapsed is repaired the same way at the node's next renewal.
/// </summary>
[Collection(LiveGatewayCollection.Name)]
public sealed class DocumentReactivationTests(LiveGatewayFixture fixture)
{
    private Uri Address => fixture.Gateway.Address;

    [Fact]
    public async Task AReactivatedDocument_AsksItsOpenClientsForWhatItLacks_AndSendsThemWhatTheyMissed()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var bob = await HubDocumentClient.OpenAsync(Address, scene.Bob.Token, document.Id, fixture.Yjs, fixture.Clients);
        var bobResynced = new TaskCompletionSource<DocumentResyncEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        bob.Hub.On<DocumentResyncEvent>("DocumentResync", e => bobResynced.TrySetResult(e));
        await bob.EditAsync("doc.getText('content').insert(0, 'Before.')");
        await using var alice = await RawYjsSocket.ConnectAsync(Address, document.Id, scene.Alice.Token);
        var firstVector = await alice.NextSyncStep1Async().Within("Alice's y-websocket connection gets the server's sync step 1");
        // An edit Alice's client has and the server never got (as one relayed but lost before its commit would be).
        var alicesOwn = fixture.Clients.Change(await bob.StateAsync(), "doc.getText('content').insert(0, 'Alice: ')");

        var grains = fixture.Gateway.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IDocumentGrain>(document.Id).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        // Activates the grain anew, which has no subscriber yet: Alice's node is not told of this edit by a relay.
        await bob.EditAsync("doc.getText('content').insert(7, ' Missed.')");
        var resyncVector = await alice.NextSyncStep1Async().Within("Alice's connection gets a sync step 1 again once the node finds the grain's new epoch");
        byte[] aliceState = [0, 0];
        while (fixture.Clients.TextDelta(aliceState, DocumentNames.Content) is var delta && !delta.Contains("Missed.", StringComparison.Ordinal))
        {
            var update = await alice.NextUpdateAsync().Within($"Alice's connection gets the edit it missed (it has {delta})");
            aliceState = fixture.Clients.Apply(aliceState, update!);
        }

        await alice.SendAsync(YjsMessages.SyncStep2Message(alicesOwn));
        await bob.WaitForTextAsync("Alice: Before. Missed.", "Bob receives the edit Alice sent in answer to the resync");
        var bobsVector = await bobResynced.Task.Within("Bob's hub connection gets DocumentResync");
        var export = await scene.Bob.RawAsync(HttpMethod.Get, $"/api/documents/{document.Id}/export?format=markdown", null);

        Assert.Equal("Before. Missed.", await fixture.Yjs.ReadTextAsync(aliceState, DocumentNames.Content));
        Assert.NotEqual(firstVector, resyncVector);
        Assert.Equal(document.Id, bobsVector.DocumentId);
        Assert.NotEmpty(bobsVector.StateVector);
        Assert.Equal("Alice: Before. Missed.", await export.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALapsedSubscription_IsRepairedAtTheNextRenewal_AndTheClientGetsWhatItMissed()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        await using var alice = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        var resynced = new TaskCompletionSource<DocumentResyncEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.Hub.On<DocumentResyncEvent>("DocumentResync", e => resynced.TrySetResult(e));
        await alice.EditAsync("doc.getText('content').insert(0, 'Seen.')");
        var grain = fixture.Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IDocumentGrain>(document.Id);
        var node = fixture.Gateway.Services.GetRequiredService<GatewayNode>();

        // The grain forgets the node's subscription, as it does when the node's renewals come later than the lifetime
        // (the grain is not re-activated: the epoch stays). Then an edit that does not come through this node, so that
        // no answer to the node shows the lapse: only the renewal can.
        await grain.UnsubscribeAsync(node.Id);
        var bobs = fixture.Clients.Change(await alice.StateAsync(), "doc.getText('content').insert(5, ' Missed.')");
        await grain.ApplyUpdatesAsync(new MemberIdentity(scene.Bob.UserId, "Bob", scene.Bob.OrganizationId), null, null, [bobs]);

        var resync = await resynced.Task.Within("Alice's hub connection gets DocumentResync once the node's renewal finds its subscription lapsed", TimeSpan.FromMinutes(2));
        await alice.WaitForTextAsync("Seen. Missed.", "Alice gets the edit the grain did not relay to her node while its subscription had lapsed");

        Assert.Equal(document.Id, resync.DocumentId);
        Assert.Equal("Seen. Missed.", await alice.TextAsync());
    }
}
