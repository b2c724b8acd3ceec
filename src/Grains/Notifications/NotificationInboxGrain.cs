using System.Collections.Immutable;
using System.Security.Cryptography;
using CoPLive.Common;
using CoPLive.Identity;
using CoPLive.Rooms;

namespace CoPLive.Notifications;

/// <inheritdoc cref="INotificationInboxGrain"/>
/// <remarks>
/// It keeps the newest <see cref="MaxKept"/> notifications. Live delivery goes through the member's personal
/// room ("member:{userId}"), which every connection of the member is in from its start: each gateway node keeps
/// its own connections' personal rooms, without a grain, and the inbox publishes to every node through the
/// <see cref="IGatewayDirectoryGrain"/>. The inbox numbers the room's events itself: an epoch per activation (a
/// re-activated inbox starts a new one, and clients take a fresh snapshot), and the last
/// <see cref="ReplayKept"/> events for resume.
/// </remarks>
public sealed class NotificationInboxGrain(
    [PersistentState(StorageNames.NotificationInbox, StorageNames.Main)] IPersistentState<NotificationInboxState> state)
    : Grain, INotificationInboxGrain
{
    public const int MaxKept = 500;

    /// <summary>How many of the personal room's latest events are kept for clients that resume.</summary>
    public const int ReplayKept = 50;

    private readonly string _epoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private readonly Queue<RoomEvent> _recent = new();
    private long _seq;

    private RoomId Room => new(RoomKind.Member, UserId);

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
        RoomEvent received = new NotificationReceived(++_seq, notification);
        _recent.Enqueue(received);
        if (_recent.Count > ReplayKept)
        {
            _recent.Dequeue();
        }

        await GrainFactory.GetGatewayDirectory().PublishAsync(new RoomEventBatch(Room.ToString(), _epoch, [received]));
    }

    public Task<PresenceSnapshot> EnterPersonalRoomAsync(MemberIdentity caller)
    {
        RequireOwner(caller);
        return Task.FromResult(Snapshot(caller));
    }

    public Task<RoomEntry> ResumePersonalRoomAsync(MemberIdentity caller, string epoch, long afterSeq)
    {
        RequireOwner(caller);
        var resumable = epoch == _epoch
            && afterSeq <= _seq
            && (afterSeq == _seq || (_recent.Count > 0 && _recent.Peek().Seq <= afterSeq + 1));
        return Task.FromResult(resumable
            ? new RoomEntry(true, [.. _recent.Where(e => e.Seq > afterSeq)], Snapshot(caller))
            : new RoomEntry(false, [], Snapshot(caller)));
    }

    private PresenceSnapshot Snapshot(MemberIdentity member) => new(
        Room.ToString(),
        _epoch,
        _seq,
        [new PresentMember(member.UserId, member.DisplayName, member.OrganizationId)],
        ImmutableDictionary<string, int>.Empty.Add(member.OrganizationId, 1),
        RosterComplete: true,
        Large: false);

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
