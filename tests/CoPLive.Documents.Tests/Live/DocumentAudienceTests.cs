using System.Net;
using System.Net.WebSockets;
using CoPLive.Common;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Documents.Tests.Live;

/// <summary>Narrowing a document's audience ends the open sessions of those it leaves out, at once, on both transports.</summary>
[Collection(LiveGatewayCollection.Name)]
public sealed class DocumentAudienceTests(LiveGatewayFixture fixture)
{
    private Uri Address => fixture.Gateway.Address;

    [Fact]
    public async Task NarrowingTheAudience_EndsOutsidersSessions_AndOnlyTheCreatorOrACoordinatorMayDoIt()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync();
        var path = $"/api/documents/{document.Id}/audience";
        var northwindOnly = new { audience = new { organizations = new[] { scene.Alice.OrganizationId } } };
        await using var bobHub = await HubDocumentClient.OpenAsync(Address, scene.Bob.Token, document.Id, fixture.Yjs, fixture.Clients);
        await using var gusHub = await HubDocumentClient.OpenAsync(Address, scene.Gus.Token, document.Id, fixture.Yjs, fixture.Clients);
        var revoked = new TaskCompletionSource<Gateway.Live.AccessRevoked>(TaskCreationOptions.RunContinuationsAsynchronously);
        bobHub.Hub.On<Gateway.Live.AccessRevoked>("AccessRevoked", r => revoked.TrySetResult(r));
        await using var raw = await RawYjsSocket.ConnectAsync(Address, document.Id, scene.Bob.Token);

        await scene.Bob.RefusedAsync(HttpMethod.Put, path, northwindOnly, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await scene.Gus.RefusedAsync(HttpMethod.Put, path, northwindOnly, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await scene.Olga.RefusedAsync(HttpMethod.Put, path, northwindOnly, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Alice.RefusedAsync(HttpMethod.Put, path, new { audience = new { organizations = new[] { scene.Olga.OrganizationId } } }, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        var narrowed = await scene.Alice.SendAsync<DocumentDetails>(HttpMethod.Put, path, northwindOnly);
        var hubRevocation = await revoked.Task.Within("Bob's hub session is told the audience left him out");
        var socketRefusal = await raw.NextRefusalAsync().Within("Bob's y-websocket session is told the audience left him out");
        var closed = await raw.ReceiveAsync().Within("Bob's y-websocket session is closed");
        var write = await Assert.ThrowsAsync<HubException>(() => bobHub.EditAsync("doc.getText('content').insert(0, 'after narrowing')"));
        await using var aliceHub = await HubDocumentClient.OpenAsync(Address, scene.Alice.Token, document.Id, fixture.Yjs, fixture.Clients);
        await aliceHub.EditAsync("doc.getText('content').insert(0, 'Northwind only now.')");
        await gusHub.WaitUntilAsync(async c => (await c.TextAsync()).Contains("Northwind only now.", StringComparison.Ordinal), "Gus (northwind, in the audience) still receives edits");
        await scene.Bob.RefusedAsync(HttpMethod.Get, $"/api/documents/{document.Id}", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var audit = await scene.Alice.SendAsync<Communities.AuditEntry[]>(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/audit", null);

        Assert.Equal([scene.Alice.OrganizationId], narrowed.Audience!.Organizations.ToArray());
        Assert.Equal($"document:{document.Id}", hubRevocation.Room);
        Assert.Equal(ErrorCodes.Forbidden, hubRevocation.Code);
        Assert.StartsWith("forbidden: ", socketRefusal, StringComparison.Ordinal);
        Assert.Null(closed);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, raw.CloseStatus);
        Assert.Contains("HubException: forbidden: ", write.Message, StringComparison.Ordinal);
        Assert.Contains(audit, e => e.Action == Communities.AuditActions.AudienceSet && e.Subject == $"document:{document.Id}");
    }
}
