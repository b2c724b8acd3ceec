namespace CoPLive.Gateway.Live;

/// <summary>
/// The SignalR groups of a room on a node: one for every connection in the room, and one per viewer
/// organization, used when some of a batch's events must be sent without names to other organizations.
/// </summary>
public static class RoomGroups
{
    public static string All(string room) => room;

    public static string Organization(string room, string organizationId) => $"{room}|org:{organizationId}";
}
