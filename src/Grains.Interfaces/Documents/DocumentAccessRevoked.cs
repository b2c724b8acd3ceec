namespace CoPLive.Documents;

/// <summary>Whose open sessions of a document must end now (removed, left, organization withdrawn), for every gateway node.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.DocumentAccessRevoked")]
public sealed record DocumentAccessRevoked(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] Rooms.RoomRevocation Revocation);
