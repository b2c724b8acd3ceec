namespace CoPLive.Gateway.Api;

/// <summary>
/// The public part of the sign-in configuration, for the web app: <see cref="Mode"/> is <c>oidc</c> (redirect to
/// the authority), <c>dev</c> (development sign-in) or <c>token</c> (a pasted access token).
/// </summary>
public sealed record AuthConfigResponse(
    string Mode,
    string? Authority,
    string? ClientId,
    string? Scopes,
    string? ProviderName,
    string NameClaim,
    string OrganizationClaim);
