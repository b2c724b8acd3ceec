namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/meetups/{id}/questions and /chat.</summary>
public sealed record TextRequest(string? Text);
