namespace CoPLive.Gateway.Api;

/// <summary>Body of PUT /api/meetups/{id}/links/{role}.</summary>
public sealed record LinkRequest(string? DocumentId);
