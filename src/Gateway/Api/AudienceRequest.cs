using CoPLive.Communities;

namespace CoPLive.Gateway.Api;

/// <summary>Body of PUT /api/meetups/{id}/audience: an audience, or null for the whole community.</summary>
public sealed record AudienceRequest(Audience? Audience);
