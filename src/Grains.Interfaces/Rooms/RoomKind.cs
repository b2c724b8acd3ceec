namespace CoPLive.Rooms;

/// <summary>The kinds of room a connection can be in; a room's name is "{kind}:{id}".</summary>
public static class RoomKind
{
    public const string Community = "community";
    public const string Thread = "thread";
    public const string Meetup = "meetup";
    public const string Document = "document";

    /// <summary>A member's personal room ("member:{userId}"): every connection of the member is in it; it carries their notifications.</summary>
    public const string Member = "member";

    /// <summary>Whether <paramref name="kind"/> is one of the known kinds.</summary>
    public static bool IsKnown(string kind) => kind is Community or Thread or Meetup or Document or Member;
}
