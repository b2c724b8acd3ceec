namespace CoPLive.Gateway.Api;

/// <summary>Body of POST /api/communities/{id}/invitations.</summary>
public sealed record InvitationRequest(string? UserId, string? OrganizationId);
