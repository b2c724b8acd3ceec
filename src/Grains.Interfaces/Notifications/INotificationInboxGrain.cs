using System.Collections.Immutable;
using CoPLive.Identity;

namespace CoPLive.Notifications;

/// <summary>
/// One member's notifications; keyed by the user id. Each is persisted before it is sent live to the
/// member's personal room ("member:{userId}"), so a member who was away finds it in the unread list.
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
}
