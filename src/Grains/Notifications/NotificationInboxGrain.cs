using System.Collections.Immutable;
using CoPLive.Common;
using CoPLive.Identity;
using CoPLive.Rooms;

namespace CoPLive.Notifications;

/// <inheritdoc cref="INotificationInboxGrain"/>
/// <remarks>
/// It keeps the newest <see cref="MaxKept"/> notifications. Live delivery goes through the member's personal
/// room ("member:{userId}"): every connection of the member enters it on connect, so the room's grain knows
/// which gateway nodes hold them, on any node of the cluster.
/// </remarks>
public sealed class NotificationInboxGrain(
    [PersistentState(StorageNames.NotificationInbox, StorageNames.Main)] IPersistentState<NotificationInboxState> state)
    : Grain, INotificationInboxGrain
{
    public const int MaxKept = 500;

    private string UserId => this.GetPrimaryKeyString();

    private List<Notification> Kept => state.State.Notifications;

    public async Task NotifyAsync(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Kept.Add(notification with { Read = false });
        if (Kept.Count > MaxKept)
        {
            Kept.RemoveRange(0, Kept.Count - MaxKept);
        }

        await state.WriteStateAsync();
        await GrainFactory.GetRoomPresence(new RoomId(RoomKind.Member, UserId)).PublishAsync([new NotificationReceived(0, notification)]);
    }

    public Task<ImmutableArray<Notification>> ListAsync(MemberIdentity caller, bool unreadOnly)
    {
        RequireOwner(caller);
        return Task.FromResult(Kept.Where(n => !unreadOnly || !n.Read).Reverse().ToImmutableArray());
    }

    public async Task<int> MarkReadAsync(MemberIdentity caller, ImmutableArray<string> ids)
    {
        RequireOwner(caller);
        var which = ids.IsDefaultOrEmpty ? null : ids.ToHashSet(StringComparer.Ordinal);
        var marked = 0;
        for (var i = 0; i < Kept.Count; i++)
        {
            if (!Kept[i].Read && (which is null || which.Contains(Kept[i].Id)))
            {
                Kept[i] = Kept[i] with { Read = true };
                marked++;
            }
        }

        if (marked > 0)
        {
            await state.WriteStateAsync();
        }

        return marked;
    }

    private void RequireOwner(MemberIdentity caller)
    {
        if (caller?.UserId != UserId)
        {
            throw CoPLiveException.Forbidden("Only the member may read their notifications.");
        }
    }
}
