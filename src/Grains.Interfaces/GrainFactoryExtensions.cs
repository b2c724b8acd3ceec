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
        grains.GetByKey<IOrganizationGrain>(organizationId);

    public static ICommunityGrain GetCommunity(this IGrainFactory grains, string communityId) =>
        grains.GetByKey<ICommunityGrain>(communityId);

    public static IRoomPresenceGrain GetRoomPresence(this IGrainFactory grains, RoomId room) =>
        grains.GetByKey<IRoomPresenceGrain>(room.ToString());

    public static IThreadGrain GetThread(this IGrainFactory grains, string threadId) =>
        grains.GetByKey<IThreadGrain>(threadId);

    /// <summary>A community's thread list (keyed by the community id).</summary>
    public static IThreadListGrain GetThreadList(this IGrainFactory grains, string communityId) =>
        grains.GetByKey<IThreadListGrain>(communityId);

    public static Notifications.INotificationInboxGrain GetNotificationInbox(this IGrainFactory grains, string userId) =>
        grains.GetByKey<Notifications.INotificationInboxGrain>(userId);

    /// <summary>The cluster's one directory of gateway nodes, which carries personal rooms' events.</summary>
    public static Notifications.IGatewayDirectoryGrain GetGatewayDirectory(this IGrainFactory grains) =>
        grains.GetGrain<Notifications.IGatewayDirectoryGrain>(0);

    public static IDocumentGrain GetDocument(this IGrainFactory grains, string documentId) =>
        grains.GetByKey<IDocumentGrain>(documentId);

    /// <summary>A community's document list (keyed by the community id).</summary>
    public static IDocumentListGrain GetDocumentList(this IGrainFactory grains, string communityId) =>
        grains.GetByKey<IDocumentListGrain>(communityId);

    public static Meetups.IMeetupGrain GetMeetup(this IGrainFactory grains, string meetupId) =>
        grains.GetByKey<Meetups.IMeetupGrain>(meetupId);

    public static Activity.IActivityGrain GetActivity(this IGrainFactory grains, string communityId) =>
        grains.GetByKey<Activity.IActivityGrain>(communityId);

    /// <summary>
    /// A reference to the grain of interface <typeparamref name="TGrain"/> with <paramref name="key"/>.
    /// Orleans 10.4 resolves the interface's grain type by reflection on every <c>GetGrain</c> (custom attributes
    /// and a type-name format per call: 6 % of the gateway's thread time in the small-rooms benchmark, one
    /// call per signal). The types are fixed for the process, so they are resolved once per interface and the
    /// reference is made from its grain id.
    /// </summary>
    public static TGrain GetByKey<TGrain>(this IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        if (ResolvedTypes<TGrain>.Types is { } types)
        {
            return (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        }

        var reference = grains.GetGrain<TGrain>(key);
        var resolved = (GrainReference)(object)reference;
        ResolvedTypes<TGrain>.Types = new GrainTypes(resolved.GrainId.Type, resolved.InterfaceType);
        return reference;
    }

    /// <summary>An interface's grain type and interface type, once the first reference resolved them.</summary>
    private sealed record GrainTypes(GrainType Grain, GrainInterfaceType Interface);

    private static class ResolvedTypes<TGrain>
    {
        /// <summary>A reference, so that a reader sees both types or none.</summary>
        public static GrainTypes? Types;
    }
}
