using CoPLive.Communities;
using CoPLive.Threads;

namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/communities/{id}/threads; the id is optional.</summary>
public sealed record CreateThreadRequest(string? Id, string? Title, ThreadKind? Kind, string? Body, Audience? Audience);
