namespace CoPLive.Communities;

/// <summary>An organization admitted to a community, with its presence policy there.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.AdmittedOrganization")]
public sealed record AdmittedOrganization(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] bool Sponsoring,
    [property: Id(2)] PresencePolicy Presence,
    [property: Id(3)] DateTimeOffset AdmittedAt);
