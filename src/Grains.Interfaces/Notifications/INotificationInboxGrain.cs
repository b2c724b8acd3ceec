using System.Collections.Immutable;
using CoPLive.Identity;
using CoPLive.Rooms;

namespace CoPLive.Notifications;

/// <summary>
/// One member's notifications; keyed by the user id. Each is persisted before it is sent live to the
/// member's personal room ("member:{userId}"), so a member who was away finds it in the unread list. The inbox
/// numbers its personal room's events (epoch and sequence numbers, as any room) and keeps the most recent for
/// resume; the events reach the member's connections through the <see cref="IGatewayDirectoryGrain"/>.
/// </summary>
[Alias("CoPLive.INotificationInboxGrain")]
public interface INotificationInboxGrain : IGrainWithStringKey
{
    /// <summary>Stores a notification for the member and sends it to each of their open connections. Called by the grain that decided the member may see it.</summary>
    [Alias("Notify")]
    Task NotifyAsync(Notification notification);

    /// <summary>The member's notifications, newest first; only the unread ones when <paramref name="unreadOnly"/>. Only the member may ask.</summary>
    [Alias("List")]
    Task<ImmutableArray<Notification>> ListAsync(MemberIdentity caller, bool unreadOnly);

    /// <summary>Marks notifications read (all of them when <paramref name="ids"/> is empty); returns how many were unread. Only the member may ask.</summary>
    [Alias("MarkRead")]
    Task<int> MarkReadAsync(MemberIdentity caller, ImmutableArray<string> ids);

    /// <summary>The personal room's snapshot for one of the member's connections: the member, and the room's epoch and sequence number. Only the member may ask.</summary>
    [Alias("EnterPersonalRoom")]
    Task<PresenceSnapshot> EnterPersonalRoomAsync(MemberIdentity caller);

    /// <summary>Resumes the personal room after <paramref name="afterSeq"/> of <paramref name="epoch"/>: the missed events if all are still kept, else a fresh snapshot. Only the member may ask.</summary>
    [Alias("ResumePersonalRoom")]
    Task<RoomEntry> ResumePersonalRoomAsync(MemberIdentity caller, string epoch, long afterSeq);
}
