namespace CoPLive.Gateway.Api;

/// <summary>The body of every error response: a stable code and a human sentence.</summary>
public sealed record ApiError(string Code, string Message);
