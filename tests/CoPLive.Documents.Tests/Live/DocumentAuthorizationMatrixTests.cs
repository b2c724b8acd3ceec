using System.Net;
using System.Text.Json;
using CoPLive.Common;
using CoPLive.Rooms;
using CoPLive.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// Every document route, hub method and the y-websocket endpoint, against each kind of caller who must be refused:
/// anonymous, a member of an organization the community does not admit (Olga), a member outside the document's
/// audience (Bob), and a guest for writing (Gus). Each gets the right error, learns nothing (not in lists, not in
/// rooms), and nothing changes.
/// </summary>
[Collection(LiveGatewayCollection.Name)]
public sealed class DocumentAuthorizationMatrixTests(LiveGatewayFixture fixture)
{
    /// <summary>Who may call: anyone in the audience (guests included), or writers (members of the audience, not guests).</summary>
    public enum Needs
    {
        Reader,
        Writer,
    }

    public static TheoryData<string, string, string?, Needs> Routes => new()
    {
        { "GET", "/api/documents/{document}", null, Needs.Reader },
        { "GET", "/api/documents/{document}/export?format=markdown", null, Needs.Reader },
        { "GET", "/api/documents/{document}/versions", null, Needs.Reader },
        { "GET", "/api/documents/{document}/versions/{version}", null, Needs.Reader },
        { "POST", "/api/documents/{document}/versions", "{\"name\":\"before the audit\"}", Needs.Writer },
        { "POST", "/api/documents/{document}/versions/{version}/restore", null, Needs.Writer },
    };

    private Uri Address => fixture.Gateway.Address;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EachDocumentRoute_RefusesThoseWhoMayNot_AndChangesNothing(string method, string template, string? body, Needs needs)
    {
        var (scene, documentId, versionId) = await SceneAsync();
        var before = await SnapshotAsync(scene, documentId);
        var path = template.Replace("{document}", documentId, StringComparison.Ordinal).Replace("{version}", versionId, StringComparison.Ordinal);
        object? json = body is null ? null : JsonSerializer.Deserialize<JsonElement>(body);
        var httpMethod = new HttpMethod(method);

        using (var anonymous = new HttpClient { BaseAddress = Address })
        {
            using var request = new HttpRequestMessage(httpMethod, path);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request)).StatusCode);
        }

        await scene.Olga.RefusedAsync(httpMethod, path, json, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Bob.RefusedAsync(httpMethod, path, json, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        if (needs == Needs.Writer)
        {
            await scene.Gus.RefusedAsync(httpMethod, path, json, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        }

        Assert.Equal(before, await SnapshotAsync(scene, documentId));
    }

    [Fact]
    public async Task OutsideTheAudience_TheDocumentIsAbsentFromLists_AndClosedOnTheHubAndTheYjsEndpoint()
    {
        var (scene, documentId, _) = await SceneAsync();
        var listPath = $"/api/communities/{scene.CommunityId}/documents";

        var bobList = await scene.Bob.SendAsync<DocumentDetails[]>(HttpMethod.Get, listPath, null);
        var gusList = await scene.Gus.SendAsync<DocumentDetails[]>(HttpMethod.Get, listPath, null);
        await scene.Olga.RefusedAsync(HttpMethod.Get, listPath, null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Olga.RefusedAsync(HttpMethod.Post, listPath, new { title = "Olga's notes", kind = "text" }, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await scene.Gus.RefusedAsync(HttpMethod.Post, listPath, new { title = "Gus's notes", kind = "text" }, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var bobYjs = await RawYjsSocket.RefusedStatusAsync(Address, documentId, scene.Bob.Token);
        var olgaYjs = await RawYjsSocket.RefusedStatusAsync(Address, documentId, scene.Olga.Token);

        Assert.DoesNotContain(bobList, d => d.Id == documentId);
        Assert.Contains(gusList, d => d.Id == documentId);
        Assert.Equal(HttpStatusCode.NotFound, bobYjs);
        Assert.Equal(HttpStatusCode.NotFound, olgaYjs);
        foreach (var outsider in new[] { scene.Bob, scene.Olga })
        {
            await using var hub = LiveHub.Connect(Address, outsider.Token);
            await hub.StartAsync();
            var open = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<DocumentOpened>("OpenDocument", documentId, null));
            var room = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<PresenceSnapshot>("EnterRoom", new RoomId(RoomKind.Document, documentId).ToString()));
            var write = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<long>("ApplyDocumentUpdates", documentId, new[] { new byte[] { 0, 0 } }));
            var awareness = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SendDocumentAwareness", documentId, new byte[] { 0 }));

            Assert.Contains("HubException: not-found: ", open.Message, StringComparison.Ordinal);
            Assert.Contains("HubException: not-found: ", room.Message, StringComparison.Ordinal);

            // Without an open session there is nothing to write to: the same answer as for a document that does not exist.
            Assert.Contains("HubException: forbidden: ", write.Message, StringComparison.Ordinal);
            Assert.Contains("HubException: forbidden: ", awareness.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Alice's northwind-only text document with one saved version; Bob (contoso) is a member outside its audience.</summary>
    private async Task<(DocumentScene Scene, string DocumentId, string VersionId)> SceneAsync()
    {
        var scene = await DocumentScene.CreateAsync(Address);
        var document = await scene.CreateDocumentAsync(audience: new { organizations = new[] { scene.Alice.OrganizationId } });
        var version = await scene.Alice.SendAsync<JsonElement>(HttpMethod.Post, $"/api/documents/{document.Id}/versions", new { name = "first draft" });
        return (scene, document.Id, version.GetProperty("id").GetString()!);
    }

    /// <summary>What Alice sees of the document: its metadata, its versions and its content.</summary>
    private static async Task<string> SnapshotAsync(DocumentScene scene, string documentId)
    {
        var details = await (await scene.Alice.RawAsync(HttpMethod.Get, $"/api/documents/{documentId}", null)).Content.ReadAsStringAsync();
        var versions = await (await scene.Alice.RawAsync(HttpMethod.Get, $"/api/documents/{documentId}/versions", null)).Content.ReadAsStringAsync();
        var content = await (await scene.Alice.RawAsync(HttpMethod.Get, $"/api/documents/{documentId}/export?format=markdown", null)).Content.ReadAsStringAsync();
        return details + versions + content;
    }
}
