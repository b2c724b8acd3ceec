namespace CoPLive.Meetups;

/// <summary>A raised hand, waiting for the host.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.RaisedHand")]
public sealed record RaisedHand(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string OrganizationId,
    [property: Id(3)] DateTimeOffset RaisedAt);
