using CoPLive.Communities;
using CoPLive.Documents;

namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/communities/{id}/documents; the id is optional.</summary>
public sealed record CreateDocumentRequest(string? Id, string? Title, DocumentKind? Kind, Audience? Audience);
