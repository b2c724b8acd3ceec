using System.Collections.Immutable;
using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Documents;
using CoPLive.Gateway.Identity;

namespace CoPLive.Gateway.Api;

/// <summary>Documents over REST: create, list, read, export, versions (save, list, view, restore).</summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder routes)
    {
        var communities = routes.MapGroup("/api/communities/{id}/documents").RequireAuthorization();
        communities.MapPost("/", CreateAsync);
        communities.MapGet("/", ListAsync);
        communities.MapPost("/reindex", async (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            new DocumentsReindexed(await grains.GetDocumentList(CoPLiveIds.Require(id, "community")).ReindexAsync(user.ToMemberIdentity())));

        var documents = routes.MapGroup("/api/documents/{id}").RequireAuthorization();
        documents.MapGet("/", (string id, ClaimsPrincipal user, IGrainFactory grains) => Document(grains, id).GetAsync(user.ToMemberIdentity()));
        documents.MapGet("/export", ExportAsync);
        documents.MapPut(
            "/audience",
            (string id, AudienceRequest request, ClaimsPrincipal user, IGrainFactory grains) => Document(grains, id).SetAudienceAsync(user.ToMemberIdentity(), request.Audience));
        documents.MapPost("/versions", async (string id, VersionRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var version = await Document(grains, id).SaveVersionAsync(user.ToMemberIdentity(), request.Name!);
            return Results.Created($"/api/documents/{id}/versions/{version.Id}", version);
        });
        documents.MapGet("/versions", (string id, ClaimsPrincipal user, IGrainFactory grains) => Document(grains, id).ListVersionsAsync(user.ToMemberIdentity()));
        documents.MapGet(
            "/versions/{versionId}",
            (string id, string versionId, ClaimsPrincipal user, IGrainFactory grains) =>
                Document(grains, id).GetVersionAsync(user.ToMemberIdentity(), CoPLiveIds.Require(versionId, "version")));
        documents.MapPost(
            "/versions/{versionId}/restore",
            async (string id, string versionId, ClaimsPrincipal user, IGrainFactory grains) =>
                new RestoredResponse(await Document(grains, id).RestoreVersionAsync(user.ToMemberIdentity(), CoPLiveIds.Require(versionId, "version"))));
        return routes;
    }

    private static IDocumentGrain Document(IGrainFactory grains, string id) => grains.GetDocument(CoPLiveIds.Require(id, "document"));

    private static async Task<IResult> CreateAsync(string id, CreateDocumentRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        CoPLiveIds.Require(id, "community");
        var documentId = request.Id is null ? CoPLiveIds.New(request.Title) : CoPLiveIds.Require(request.Id, "document");
        var document = await grains.GetDocument(documentId).CreateAsync(
            id,
            new NewDocument(request.Title!, request.Kind ?? throw CoPLiveException.Invalid("'kind' is required: 'text' or 'whiteboard'."), request.Audience),
            user.ToMemberIdentity());
        return Results.Created($"/api/documents/{documentId}", document);
    }

    private static Task<ImmutableArray<DocumentDetails>> ListAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetDocumentList(CoPLiveIds.Require(id, "community")).ListAsync(user.ToMemberIdentity());

    private static async Task<IResult> ExportAsync(string id, string? format, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (format is not ("markdown" or "svg"))
        {
            throw CoPLiveException.Invalid("'format' is 'markdown' (text documents) or 'svg' (whiteboards).");
        }

        var export = await Document(grains, id).ExportAsync(user.ToMemberIdentity(), format);
        return Results.Text(export.Content, export.ContentType);
    }
}
