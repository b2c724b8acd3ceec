using System.Collections.Immutable;

namespace CoPLive.Analytics;

/// <summary>Document contributions in the window, per document and per organization.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentAnalytics")]
public sealed record DocumentAnalytics(
    [property: Id(0)] ImmutableArray<DocumentContributions> PerDocument,
    [property: Id(1)] ImmutableArray<OrganizationDocuments> ByOrganization);
