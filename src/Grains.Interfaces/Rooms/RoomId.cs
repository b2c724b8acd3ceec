using System.Diagnostics.CodeAnalysis;
using CoPLive.Common;

namespace CoPLive.Rooms;

/// <summary>A room: anything people can be "in", named "{kind}:{id}" (e.g. "community:rock-mechanics").</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.RoomId")]
public readonly record struct RoomId([property: Id(0)] string Kind, [property: Id(1)] string Id)
{
    public static RoomId ForCommunity(string communityId) => new(RoomKind.Community, communityId);

    /// <summary>Parses "{kind}:{id}"; false if the kind is unknown or the id malformed.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out RoomId? room)
    {
        room = null;
        if (value is null)
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var kind = value[..colon];
        var id = value[(colon + 1)..];
        if (!RoomKind.IsKnown(kind) || !CoPLiveIds.IsValid(id))
        {
            return false;
        }

        room = new RoomId(kind, id);
        return true;
    }

    /// <summary>Parses "{kind}:{id}" or throws invalid-id.</summary>
    public static RoomId Parse(string? value) =>
        TryParse(value, out var room)
            ? room.Value
            : throw new CoPLiveException(
                ErrorCodes.InvalidId,
                "A room is named 'kind:id', with kind one of community, thread, meetup, document.");

    public override string ToString() => $"{Kind}:{Id}";
}
