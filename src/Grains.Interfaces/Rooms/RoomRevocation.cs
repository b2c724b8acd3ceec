using System.Collections.Immutable;

namespace CoPLive.Rooms;

/// <summary>Whose access to a room ended: named members, and/or every member of an organization.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.RoomRevocation")]
public sealed record RoomRevocation(
    [property: Id(0)] ImmutableArray<string> UserIds,
    [property: Id(1)] string? OrganizationId,
    [property: Id(2)] string Code,
    [property: Id(3)] string Reason);
