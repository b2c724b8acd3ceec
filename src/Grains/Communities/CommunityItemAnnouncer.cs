using CoPLive.Rooms;
using Microsoft.Extensions.Logging;

namespace CoPLive.Communities;

/// <summary>
/// Tells a community's room that a thread or a document was created (<see cref="CommunityItemCreated"/>), so open
/// community homes list it. The item is already stored: a failing announcement is logged, never the creator's
/// failure (others see the item when they next open the home).
/// </summary>
internal static partial class CommunityItemAnnouncer
{
    public static async Task AnnounceAsync(IGrainFactory grains, ILogger logger, string communityId, string item, string itemId, string title, string kind, IEnumerable<string>? audience)
    {
        try
        {
            await grains.GetRoomPresence(RoomId.ForCommunity(communityId)).PublishAsync(
                [new CommunityItemCreated(0, item, itemId, title, kind, audience is null ? null : new Audience([.. audience]))]);
        }
        catch (Exception exception)
        {
            LogAnnounceFailed(logger, exception, item, itemId, communityId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Item} {ItemId} is created, but community {CommunityId}'s room was not told; open homes list it on their next read")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, string item, string itemId, string communityId);
}
