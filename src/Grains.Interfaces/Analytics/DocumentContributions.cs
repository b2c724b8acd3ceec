using System.Collections.Immutable;

namespace CoPLive.Analytics;

/// <summary>
/// Who shaped one document in the window: contributors (members with an editing session), sessions, contributors
/// per organization, and the contributors' user ids the viewer may see one by one.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentContributions")]
public sealed record DocumentContributions(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] int Contributors,
    [property: Id(2)] int Sessions,
    [property: Id(3)] ImmutableDictionary<string, int> ContributorsByOrganization,
    [property: Id(4)] ImmutableArray<string> ContributorUserIds);
