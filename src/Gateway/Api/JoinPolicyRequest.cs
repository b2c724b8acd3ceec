using CoPLive.Communities;

namespace CoPLive.Gateway.Api;

/// <summary>Body of PUT /api/communities/{id}/join-policy.</summary>
public sealed record JoinPolicyRequest(JoinPolicy? JoinPolicy);
