namespace CoPLive.Organizations;

/// <summary>The durable state of <see cref="OrganizationGrain"/>.</summary>
[GenerateSerializer, Alias("CoPLive.OrganizationState")]
public sealed class OrganizationState
{
    [Id(0)] public string? Name { get; set; }
    [Id(1)] public DateTimeOffset RegisteredAt { get; set; }
    [Id(2)] public HashSet<string> AdmittingCommunities { get; set; } = new(StringComparer.Ordinal);
}
