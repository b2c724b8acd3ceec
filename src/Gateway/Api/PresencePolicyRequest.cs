using CoPLive.Communities;

namespace CoPLive.Gateway.Api;

/// <summary>Body of PUT /api/communities/{id}/organizations/{organizationId}/presence.</summary>
public sealed record PresencePolicyRequest(PresencePolicy? Presence);
