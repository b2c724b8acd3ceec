using CoPLive.Communities;

namespace CoPLive.Gateway.Api;

/// <summary>Body of PUT /api/communities/{id}/members/{userId}/role.</summary>
public sealed record RoleRequest(CommunityRole? Role);
