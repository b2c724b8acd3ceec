using CoPLive.Communities;
using CoPLive.Documents;
using CoPLive.Organizations;
using CoPLive.Rooms;
using CoPLive.Threads;

namespace CoPLive;

/// <summary>Typed ways to reach grains, hiding the key formats.</summary>
public static class GrainFactoryExtensions
{
    public static IOrganizationGrain GetOrganization(this IGrainFactory grains, string organizationId) =>
        grains.GetGrain<IOrganizationGrain>(organizationId);

    public static ICommunityGrain GetCommunity(this IGrainFactory grains, string communityId) =>
        grains.GetGrain<ICommunityGrain>(communityId);

    public static IRoomPresenceGrain GetRoomPresence(this IGrainFactory grains, RoomId room) =>
        grains.GetGrain<IRoomPresenceGrain>(room.ToString());

    public static IThreadGrain GetThread(this IGrainFactory grains, string threadId) =>
        grains.GetGrain<IThreadGrain>(threadId);

    /// <summary>A community's thread list (keyed by the community id).</summary>
    public static IThreadListGrain GetThreadList(this IGrainFactory grains, string communityId) =>
        grains.GetGrain<IThreadListGrain>(communityId);

    public static Notifications.INotificationInboxGrain GetNotificationInbox(this IGrainFactory grains, string userId) =>
        grains.GetGrain<Notifications.INotificationInboxGrain>(userId);

    /// <summary>The cluster's one directory of gateway nodes, which carries personal rooms' events.</summary>
    public static Notifications.IGatewayDirectoryGrain GetGatewayDirectory(this IGrainFactory grains) =>
        grains.GetGrain<Notifications.IGatewayDirectoryGrain>(0);
    public static IDocumentGrain GetDocument(this IGrainFactory grains, string documentId) =>
        grains.GetGrain<IDocumentGrain>(documentId);

    /// <summary>A community's document list (keyed by the community id).</summary>
    public static IDocumentListGrain GetDocumentList(this IGrainFactory grains, string communityId) =>
        grains.GetGrain<IDocumentListGrain>(communityId);

    public static Activity.IActivityGrain GetActivity(this IGrainFactory grains, string communityId) =>
        grains.GetGrain<Activity.IActivityGrain>(communityId);
}
