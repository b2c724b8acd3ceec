namespace CoPLive.Analytics;

/// <summary>One organization's document contributions in the window: documents its members edited, contributors, sessions.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.OrganizationDocuments")]
public sealed record OrganizationDocuments(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] int Documents,
    [property: Id(2)] int Contributors,
    [property: Id(3)] int Sessions);
