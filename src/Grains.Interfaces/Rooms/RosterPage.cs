using System.Collections.Immutable;

namespace CoPLive.Rooms;

/// <summary>One page of a room's roster as a viewer may see it, ordered by display name.</summary>
/// <param name="Offset">The position of the first member of the page in the visible roster.</param>
/// <param name="VisibleTotal">How many members the viewer may see by name in all.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.RosterPage")]
public sealed record RosterPage(
    [property: Id(0)] string Room,
    [property: Id(1)] int Offset,
    [property: Id(2)] int VisibleTotal,
    [property: Id(3)] ImmutableArray<PresentMember> Members);
