namespace CoPLive.Rooms;

/// <summary>Someone present in a room (once, however many connections they have open).</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.PresentMember")]
public sealed record PresentMember(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string OrganizationId);
