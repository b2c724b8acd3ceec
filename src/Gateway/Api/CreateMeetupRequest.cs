using CoPLive.Communities;

namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/communities/{id}/meetups; the id is optional.</summary>
public sealed record CreateMeetupRequest(string? Id, string? Title, string? Agenda, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, Audience? Audience);
