namespace CoPLive.Communities;

/// <summary>One admitted organization inside <see cref="CommunityState"/>.</summary>
[GenerateSerializer, Alias("CoPLive.AdmissionState")]
public sealed class AdmissionState
{
    [Id(0)] public required string OrganizationId { get; set; }
    [Id(1)] public bool Sponsoring { get; set; }
    [Id(2)] public PresencePolicy Presence { get; set; }
    [Id(3)] public DateTimeOffset AdmittedAt { get; set; }

    public AdmittedOrganization ToContract() => new(OrganizationId, Sponsoring, Presence, AdmittedAt);
}
