namespace CoPLive.Gateway.Api;

/// <summary>A token minted by the development sign-in.</summary>
public sealed record DevTokenResponse(string Token);
