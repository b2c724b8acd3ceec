using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CoPLive.Activity;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Identity;
using CoPLive.Notifications;
using CoPLive.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace CoPLive.Threads;

/// <inheritdoc cref="IThreadGrain"/>
/// <remarks>
/// <para>
/// Who may read is asked of the community (membership) and then of the thread's audience; anyone outside
/// either gets not-found, on every read, list, search hit and room entry. Guests read and react; posting
/// needs a member.
/// </para>
/// <para>
/// Storage: a small header (<see cref="ThreadState"/>) and the posts in pages of <see cref="PageSize"/>, each
/// page its own row under the main grain storage. A post, an edit, a removal or a reaction rewrites one page
/// and (for posts) the header, never the whole thread. Pages are read on the first call that needs posts, so
/// a list of threads reads headers only. A page is written before the header that counts its posts: a crash in
/// between leaves a post nobody was told about, which the next load drops.
/// </para>
/// <para>
/// Posts, edits, removals and acceptances are written before the call returns and before anyone sees them;
/// reaction toggles are written at once and their counts go out once per tick.
/// </para>
/// </remarks>
public sealed partial class ThreadGrain(
    [PersistentState(StorageNames.ThreadState, StorageNames.Main)] IPersistentState<ThreadState> state,
    IThreadSearchIndex index,
    IOptions<PresenceOptions> presence,
    ILogger<ThreadGrain> logger)
    : Grain, IThreadGrain
{
    /// <summary>Posts per storage row.</summary>
    public const int PageSize = 25;

    private const string PageGrainType = "coplive-thread-posts";
    private const int ExcerptLength = 200;

    private readonly List<GrainState<PostPageState>> _pages = [];
    private readonly HashSet<string> _reactionsThisTick = new(StringComparer.Ordinal);
    private IGrainStorage? _storage;
    private bool _pagesLoaded;
    private IGrainTimer? _tickTimer;

    /// <summary>The summary this activation last handed to the community's thread list.</summary>
    private ListedThreadState? _listed;

    private string Id => this.GetPrimaryKeyString();

    private ThreadState S => state.State;

    private IRoomPresenceGrain Room => GrainFactory.GetRoomPresence(new RoomId(RoomKind.Thread, Id));

    private ICommunityGrain Community => GrainFactory.GetCommunity(S.CommunityId);

    private IGrainStorage Storage => _storage ??= ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    public async Task<ThreadView> CreateAsync(string communityId, NewThread thread, MemberIdentity author, string? meetupId)
    {
        CoPLiveIds.Require(Id, "thread");
        CoPLiveIds.Require(communityId, "community");
        ArgumentNullException.ThrowIfNull(thread);
        var title = Limits.RequireText(thread.Title, "title", Limits.NameLength);
        var body = Limits.RequireText(thread.Body, "body", Limits.PostLength);
        if (!Enum.IsDefined(thread.Kind))
        {
            throw CoPLiveException.Invalid("A thread's kind is 'discussion' or 'question'.");
        }

        if (S.Created)
        {
            throw CoPLiveException.Conflict($"A thread with id '{Id}' already exists.");
        }

        var community = GrainFactory.GetCommunity(communityId);
        var audience = await ItemAccess.ValidateAudienceAsync(community, author, thread.Audience);
        if (audience is not null && !audience.Contains(author.OrganizationId))
        {
            throw CoPLiveException.Invalid("The audience must include your own organization.");
        }

        await community.AddThreadAsync(author, Id);
        if (audience is not null)
        {
            await community.RecordAudienceAsync(author, new RoomId(RoomKind.Thread, Id).ToString(), new Audience([.. audience]));
        }

        var now = DateTimeOffset.UtcNow;
        S.CommunityId = communityId;
        S.Title = title;
        S.Kind = thread.Kind;
        S.Audience = audience;
        S.AuthorUserId = author.UserId;
        S.AuthorName = author.DisplayName;
        S.AuthorOrganizationId = author.OrganizationId;
        S.CreatedAt = now;
        S.MeetupId = meetupId;
        S.Followers[author.UserId] = new FollowerState { UserId = author.UserId, DisplayName = author.DisplayName, OrganizationId = author.OrganizationId };
        _pagesLoaded = true;
        var post = await AppendPostAsync(author, body, replyTo: null, now);
        S.Created = true;
        await state.WriteStateAsync();
        LogCreated(logger, Id, communityId, author.UserId, thread.Kind);
        await HandInSummaryAsync();
        await IndexAsync(post);
        await PublishActivityAsync(ActivityTypes.ThreadCreated, author, post.Id, null, null, false, thread.Kind.ToString().ToLowerInvariant(), post.CreatedAt);
        await CommunityItemAnnouncer.AnnounceAsync(GrainFactory, logger, communityId, CommunityItemCreated.Thread, Id, title, thread.Kind.ToString().ToLowerInvariant(), audience);
        await NotifyMentionsAsync(author, post);
        return await ViewAsync(author);
    }

    public async Task<ThreadView> SetAudienceAsync(MemberIdentity caller, Audience? audience)
    {
        var access = await RequireReaderAsync(caller);
        if (caller.UserId != S.AuthorUserId && access.Role is not (CommunityRole.Moderator or CommunityRole.Coordinator))
        {
            throw CoPLiveException.Forbidden("Only the thread's author, a moderator or a coordinator may change its audience.");
        }

        var kept = await ItemAccess.ValidateAudienceAsync(Community, caller, audience);
        if (kept is not null && !kept.Contains(S.AuthorOrganizationId))
        {
            throw CoPLiveException.Invalid("The audience must include the author's organization.");
        }

        // The list never shows the thread to an organization that may not read it: it learns the audience both may
        // read before the thread stores the new one (a failure there refuses the change), and the new one after.
        var both = ItemAccess.SharedAudience(S.Audience, kept);
        await GrainFactory.GetThreadList(S.CommunityId).PutAsync(Summary() with { Audience = both is null ? null : new Audience([.. both]) });
        S.Audience = kept;
        await state.WriteStateAsync();
        await HandInSummaryAsync(always: true);
        await Community.RecordAudienceAsync(caller, new RoomId(RoomKind.Thread, Id).ToString(), kept is null ? null : new Audience([.. kept]));
        if (kept is not null)
        {
            await Room.RevokeAsync(new RoomRevocation([], [], ErrorCodes.Forbidden, "The thread's audience changed; you are no longer in it.", [.. kept]));
        }

        return await ViewAsync(caller);
    }

    public async Task<ThreadView> GetViewAsync(MemberIdentity viewer)
    {
        await RequireReaderAsync(viewer);
        return await ViewAsync(viewer);
    }

    public Task<ThreadSummary?> GetListingAsync() => Task.FromResult(S.Created ? Summary() : null);

    public async Task<RoomAccess> AuthorizeRoomEntryAsync(MemberIdentity member) => (await RequireReaderAsync(member)).Room;

    public async Task<ThreadPost> AddPostAsync(MemberIdentity author, string body, string? replyTo)
    {
        await RequireAuthorAsync(author);
        var text = Limits.RequireText(body, "body", Limits.PostLength);
        await LoadPagesAsync();
        if (replyTo is not null)
        {
            var parent = FindPost(replyTo);
            if (parent.Removed is not null)
            {
                throw CoPLiveException.Conflict($"Post '{replyTo}' was removed; you cannot reply to it.");
            }
        }

        var post = await AppendPostAsync(author, text, replyTo, DateTimeOffset.UtcNow);
        await state.WriteStateAsync();
        await HandInSummaryAsync();
        var contract = post.ToContract();
        await Room.PublishAsync([new PostAdded(0, contract)]);
        await IndexAsync(post);
        await PublishActivityAsync(
            replyTo is null ? ActivityTypes.PostAdded : ActivityTypes.ReplyAdded,
            author,
            post.Id,
            S.AuthorUserId,
            S.AuthorOrganizationId,
            post.CrossOrganization,
            replyTo,
            post.CreatedAt);
        var mentioned = await NotifyMentionsAsync(author, post);
        await NotifyFollowersAsync(author, post, mentioned);
        return contract;
    }

    public async Task<ThreadPost> EditPostAsync(MemberIdentity caller, string postId, string body)
    {
        await RequireAuthorAsync(caller);
        var text = Limits.RequireText(body, "body", Limits.PostLength);
        await LoadPagesAsync();
        var post = FindPost(postId);
        if (post.AuthorUserId != caller.UserId)
        {
            throw CoPLiveException.Forbidden("Only the post's author may edit it.");
        }

        if (post.Removed is not null)
        {
            throw CoPLiveException.Conflict("The post was removed; it cannot be edited.");
        }

        if (text == post.Body)
        {
            return post.ToContract();
        }

        var now = DateTimeOffset.UtcNow;
        post.History.Add(new PostRevision(post.Body, post.EditedAt ?? post.CreatedAt, now));
        post.Body = text;
        post.Html = MarkdownRenderer.ToSafeHtml(text);
        post.EditedAt = now;
        await WritePageOfAsync(post.Number);
        var contract = post.ToContract();
        await Room.PublishAsync([new PostEdited(0, contract)]);
        await IndexAsync(post);
        await PublishActivityAsync(ActivityTypes.PostEdited, caller, post.Id, null, null, false, null);
        return contract;
    }

    public async Task<ImmutableArray<PostRevision>> GetHistoryAsync(MemberIdentity viewer, string postId)
    {
        await RequireReaderAsync(viewer);
        await LoadPagesAsync();
        var post = FindPost(postId);
        return post.Removed is null ? [.. post.History] : [];
    }

    public async Task<ThreadPost> RemovePostAsync(MemberIdentity caller, string postId, string reason)
    {
        var access = await RequireReaderAsync(caller);
        var why = Limits.RequireText(reason, "reason", Limits.RemovalReasonLength);
        await LoadPagesAsync();
        var post = FindPost(postId);
        if (post.AuthorUserId != caller.UserId && access.Role is not (CommunityRole.Moderator or CommunityRole.Coordinator))
        {
            throw CoPLiveException.Forbidden("Only the post's author, a moderator or a coordinator may remove it.");
        }

        if (post.Removed is not null)
        {
            return post.ToContract();
        }

        post.Removed = new PostRemoval(caller.UserId, DateTimeOffset.UtcNow, why);
        await WritePageOfAsync(post.Number);
        S.LivePostCount--;
        List<RoomEvent> events = [];
        if (S.AcceptedPostId == post.Id)
        {
            S.AcceptedPostId = null;
            S.AcceptedCrossOrganization = false;
            S.AcceptedAt = null;
            events.Add(new AnswerAccepted(0, null, post.Id, false));
        }

        await state.WriteStateAsync();
        await HandInSummaryAsync();
        var contract = post.ToContract();
        events.Insert(0, new PostRemoved(0, contract));
        _reactionsThisTick.Remove(post.Id);
        await Room.PublishAsync([.. events]);
        await RemoveFromIndexAsync(post.Id);
        await PublishActivityAsync(ActivityTypes.PostRemoved, caller, post.Id, post.AuthorUserId, post.AuthorOrganizationId, false, null);
        LogRemoved(logger, Id, post.Id, caller.UserId);
        return contract;
    }

    public async Task<ReactionToggled> ToggleReactionAsync(MemberIdentity member, string postId, string emoji)
    {
        await RequireReaderAsync(member);
        if (emoji is null || !PostReactions.Known.Contains(emoji))
        {
            throw CoPLiveException.Invalid($"Unknown emoji code; use one of: {string.Join(", ", PostReactions.Known.Order())}.");
        }

        await LoadPagesAsync();
        var post = FindPost(postId);
        if (post.Removed is not null)
        {
            throw CoPLiveException.Conflict("The post was removed; it takes no reactions.");
        }

        if (!post.Reactions.TryGetValue(emoji, out var who))
        {
            post.Reactions[emoji] = who = new HashSet<string>(StringComparer.Ordinal);
        }

        var reacted = who.Add(member.UserId) || !who.Remove(member.UserId);
        if (who.Count == 0)
        {
            post.Reactions.Remove(emoji);
        }

        await WritePageOfAsync(post.Number);
        _reactionsThisTick.Add(post.Id);
        _tickTimer ??= this.RegisterGrainTimer(FlushReactionsAsync, presence.Value.Tick, Timeout.InfiniteTimeSpan);
        await PublishActivityAsync(ActivityTypes.ReactionToggled, member, post.Id, post.AuthorUserId, post.AuthorOrganizationId, false, $"{emoji}:{(reacted ? "added" : "removed")}");
        return new ReactionToggled(post.Id, emoji, reacted, who.Count);
    }

    public async Task<ThreadSummary> AcceptAnswerAsync(MemberIdentity caller, string postId)
    {
        var access = await RequireReaderAsync(caller);
        if (caller.UserId != S.AuthorUserId && access.Role is not (CommunityRole.Moderator or CommunityRole.Coordinator))
        {
            throw CoPLiveException.Forbidden("Only the asker, a moderator or a coordinator may accept an answer.");
        }

        if (S.Kind != ThreadKind.Question)
        {
            throw CoPLiveException.Conflict("Only a question thread has an accepted answer.");
        }

        await LoadPagesAsync();
        var post = FindPost(postId);
        if (post.Number == 1)
        {
            throw CoPLiveException.Invalid("The question itself cannot be its answer; accept a reply.");
        }

        if (post.Removed is not null)
        {
            throw CoPLiveException.Conflict("The post was removed; it cannot be accepted.");
        }

        if (S.AcceptedPostId == post.Id)
        {
            return Summary();
        }

        var previous = S.AcceptedPostId;
        S.AcceptedPostId = post.Id;
        S.AcceptedCrossOrganization = post.AuthorOrganizationId != S.AuthorOrganizationId;
        S.LastActivityAt = DateTimeOffset.UtcNow;
        S.AcceptedAt = S.LastActivityAt;
        await state.WriteStateAsync();
        await HandInSummaryAsync();
        await Room.PublishAsync([new AnswerAccepted(0, post.Id, previous, S.AcceptedCrossOrganization)]);
        await PublishActivityAsync(ActivityTypes.AnswerAccepted, caller, post.Id, post.AuthorUserId, post.AuthorOrganizationId, S.AcceptedCrossOrganization, previous, S.AcceptedAt.Value);
        return Summary();
    }

    public async Task<ThreadSummary> SetFollowAsync(MemberIdentity caller, bool follow)
    {
        await RequireReaderAsync(caller);
        var changed = follow
            ? S.Followers.TryAdd(caller.UserId, new FollowerState { UserId = caller.UserId, DisplayName = caller.DisplayName, OrganizationId = caller.OrganizationId })
            : S.Followers.Remove(caller.UserId);
        if (changed)
        {
            await state.WriteStateAsync();
        }

        return Summary();
    }

    public async Task<ImmutableArray<ThreadSearchHit>> FilterSearchHitsAsync(MemberIdentity viewer, ImmutableArray<ThreadSearchHit> candidates)
    {
        try
        {
            await RequireReaderAsync(viewer);
        }
        catch (CoPLiveException)
        {
            return [];
        }

        await LoadPagesAsync();
        return [.. candidates.Where(hit => TryFindPost(hit.PostId) is { Removed: null }).Select(hit => hit with { ThreadId = Id, Title = S.Title })];
    }

    public async Task<int> ReindexAsync()
    {
        if (!S.Created)
        {
            return 0;
        }

        await HandInSummaryAsync(always: true);
        await LoadPagesAsync();
        await index.RemoveThreadAsync(Id, CancellationToken.None);
        var live = AllPosts().Where(p => p.Removed is null).ToList();
        foreach (var post in live)
        {
            await index.UpsertAsync(Entry(post), CancellationToken.None);
        }

        return live.Count;
    }

    /// <summary>Adds a post to its page (writing the page) and counts it in the header (which the caller writes).</summary>
    private async Task<PostState> AppendPostAsync(MemberIdentity author, string body, string? replyTo, DateTimeOffset now)
    {
        var number = S.PostCount + 1;
        var post = new PostState
        {
            Number = number,
            ReplyTo = replyTo,
            AuthorUserId = author.UserId,
            AuthorName = author.DisplayName,
            AuthorOrganizationId = author.OrganizationId,
            Body = body,
            Html = MarkdownRenderer.ToSafeHtml(body),
            CreatedAt = now,
            CrossOrganization = S.Kind == ThreadKind.Question && number > 1 && author.OrganizationId != S.AuthorOrganizationId,
        };
        var pageIndex = PageOf(number);
        while (_pages.Count <= pageIndex)
        {
            _pages.Add(new GrainState<PostPageState>(new PostPageState()));
        }

        Page(pageIndex).Posts.Add(post);
        try
        {
            await WritePageOfAsync(number);
        }
        catch
        {
            Page(pageIndex).Posts.Remove(post);
            throw;
        }

        S.PostCount = number;
        S.LivePostCount++;
        S.LastActivityAt = now;
        return post;
    }

    private static int PageOf(int number) => (number - 1) / PageSize;

    private GrainId PageId(int pageIndex) => GrainId.Create(PageGrainType, $"{Id}+{pageIndex}");

    private Task WritePageOfAsync(int number)
    {
        var pageIndex = PageOf(number);
        return Storage.WriteStateAsync(StorageNames.ThreadPostPage, PageId(pageIndex), _pages[pageIndex]);
    }

    /// <summary>Reads the post pages once per activation; posts beyond the header's count were never acknowledged and are dropped.</summary>
    private async Task LoadPagesAsync()
    {
        if (_pagesLoaded)
        {
            return;
        }

        _pages.Clear();
        var pageCount = S.PostCount == 0 ? 0 : PageOf(S.PostCount) + 1;
        for (var pageIndex = 0; pageIndex < pageCount; pageIndex++)
        {
            var page = new GrainState<PostPageState>(new PostPageState());
            await Storage.ReadStateAsync(StorageNames.ThreadPostPage, PageId(pageIndex), page);
            page.State ??= new PostPageState();
            page.State.Posts.RemoveAll(p => p.Number > S.PostCount);
            _pages.Add(page);
        }

        _pagesLoaded = true;
    }

    private PostPageState Page(int pageIndex) => _pages[pageIndex].State!;

    private IEnumerable<PostState> AllPosts() => _pages.SelectMany(p => p.State!.Posts);

    private PostState? TryFindPost(string? postId)
    {
        var number = PostIds.Parse(postId);
        if (number == 0 || number > S.PostCount || PageOf(number) >= _pages.Count)
        {
            return null;
        }

        return Page(PageOf(number)).Posts.Find(p => p.Number == number);
    }

    private PostState FindPost(string? postId) =>
        TryFindPost(postId) ?? throw CoPLiveException.NotFound("post", postId ?? "");

    /// <summary>Publishes the reaction counts of the posts toggled during the tick as one event.</summary>
    private async Task FlushReactionsAsync(CancellationToken cancellationToken)
    {
        // Disposing the timer cancels the token this callback holds, so it is disposed only at the end.
        using var finished = _tickTimer;
        _tickTimer = null;
        if (_reactionsThisTick.Count == 0)
        {
            return;
        }

        var counts = _reactionsThisTick
            .Select(TryFindPost)
            .OfType<PostState>()
            .ToImmutableDictionary(p => p.Id, p => p.ReactionCounts(), StringComparer.Ordinal);
        _reactionsThisTick.Clear();
        await Room.PublishAsync([new PostReactionsTallied(0, counts)]);
    }

    private async Task<ThreadView> ViewAsync(MemberIdentity viewer)
    {
        await LoadPagesAsync();
        var posts = AllPosts().ToList();
        var mine = posts
            .Where(p => p.Removed is null)
            .Select(p => (p.Id, Emoji: p.Reactions.Where(r => r.Value.Contains(viewer.UserId)).Select(r => r.Key).Order(StringComparer.Ordinal).ToImmutableArray()))
            .Where(p => p.Emoji.Length > 0)
            .ToImmutableDictionary(p => p.Id, p => p.Emoji, StringComparer.Ordinal);
        return new ThreadView(Summary(), [.. posts.Select(p => p.ToContract())], mine, S.Followers.ContainsKey(viewer.UserId));
    }

    private ThreadSummary Summary() => new(
        Id,
        S.CommunityId,
        S.Title,
        S.Kind,
        S.Audience is null ? null : new Audience([.. S.Audience]),
        S.AuthorUserId,
        S.AuthorName,
        S.AuthorOrganizationId,
        S.CreatedAt,
        S.LastActivityAt,
        S.LivePostCount,
        S.AcceptedPostId,
        S.AcceptedCrossOrganization,
        S.MeetupId);

    private ThreadSearchEntry Entry(PostState post) =>
        new(S.CommunityId, Id, post.Id, post.Number == 1 ? S.Title : "", post.Body);

    /// <summary>
    /// Hands the summary to the community's thread list if it changed since this activation last did (or
    /// <paramref name="always"/>). The thread is already stored: a failing list is logged and tried again with the next
    /// change (or the community's reindex), never the caller's failure.
    /// </summary>
    private async Task HandInSummaryAsync(bool always = false)
    {
        var summary = Summary();
        var listed = ListedThreadState.From(summary);
        if (!always && _listed is not null && _listed.SameAs(listed))
        {
            return;
        }

        try
        {
            await GrainFactory.GetThreadList(S.CommunityId).PutAsync(summary);
            _listed = listed;
        }
        catch (Exception exception)
        {
            LogListFailed(logger, exception, Id, S.CommunityId);
        }
    }

    /// <summary>Feeds the index. The post is already stored: a failing index is logged (a rebuild repairs it), never the caller's failure.</summary>
    private async Task IndexAsync(PostState post)
    {
        try
        {
            await index.UpsertAsync(Entry(post), CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogIndexFailed(logger, exception, Id, post.Id);
        }
    }

    private async Task RemoveFromIndexAsync(string postId)
    {
        try
        {
            await index.RemovePostAsync(Id, postId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogIndexFailed(logger, exception, Id, postId);
        }
    }

    private Task PublishActivityAsync(string type, MemberIdentity actor, string? subjectId, string? subjectUserId, string? subjectOrganizationId, bool crossOrganization, string? detail, DateTimeOffset? at = null) =>
        this.PublishActivityAsync(
            new ActivityEvent(type, S.CommunityId, actor.UserId, actor.OrganizationId, "thread", Id, subjectId, subjectUserId, subjectOrganizationId, crossOrganization, detail, at ?? DateTimeOffset.UtcNow),
            logger);

    public async Task<ImmutableArray<ActivityEvent>> ReplayActivityAsync()
    {
        if (!S.Created)
        {
            return [];
        }

        await LoadPagesAsync();
        var events = ImmutableArray.CreateBuilder<ActivityEvent>();
        foreach (var post in AllPosts().OrderBy(p => p.Number))
        {
            var type = post.Number == 1 ? ActivityTypes.ThreadCreated : post.ReplyTo is null ? ActivityTypes.PostAdded : ActivityTypes.ReplyAdded;
            var detail = post.Number == 1 ? S.Kind.ToString().ToLowerInvariant() : post.ReplyTo;
            events.Add(new ActivityEvent(
                type, S.CommunityId, post.AuthorUserId, post.AuthorOrganizationId, "thread", Id, post.Id,
                post.Number == 1 ? null : S.AuthorUserId, post.Number == 1 ? null : S.AuthorOrganizationId, post.CrossOrganization, detail, post.CreatedAt));
        }

        if (S.AcceptedPostId is { } acceptedId && S.AcceptedAt is { } acceptedAt && TryFindPost(acceptedId) is { } accepted)
        {
            // Who accepted is not stored; the asker is the usual one, and analytics does not count the accepter.
            events.Add(new ActivityEvent(
                ActivityTypes.AnswerAccepted, S.CommunityId, S.AuthorUserId, S.AuthorOrganizationId, "thread", Id, accepted.Id,
                accepted.AuthorUserId, accepted.AuthorOrganizationId, S.AcceptedCrossOrganization, null, acceptedAt));
        }

        return events.ToImmutable();
    }

    /// <summary>Notifies each member mentioned in the post (@userId) who may read the thread; returns whom.</summary>
    private async Task<HashSet<string>> NotifyMentionsAsync(MemberIdentity author, PostState post)
    {
        var userIds = MentionPattern().Matches(post.Body)
            .Select(m => m.Groups[1].Value)
            .Where(u => u != author.UserId && CoPLiveIds.IsValid(u))
            .Distinct(StringComparer.Ordinal)
            .Take(Limits.MaxMentionsPerPost)
            .ToList();
        HashSet<string> notified = new(StringComparer.Ordinal);
        if (userIds.Count == 0)
        {
            return notified;
        }

        var members = await Task.WhenAll(userIds.Select(u => Community.FindMemberAsync(u)));
        var readers = members.OfType<CommunityMember>().Where(m => S.Audience is null || S.Audience.Contains(m.OrganizationId)).ToList();
        await Task.WhenAll(readers.Select(m => NotifyAsync(m.UserId, NotificationKinds.Mention, author, post)));
        notified.UnionWith(readers.Select(m => m.UserId));
        return notified;
    }

    /// <summary>Notifies the thread's followers of a new post, except its author and those already mentioned, if they may still read it.</summary>
    private async Task NotifyFollowersAsync(MemberIdentity author, PostState post, HashSet<string> alreadyNotified)
    {
        var followers = S.Followers.Values.Where(f => f.UserId != author.UserId && !alreadyNotified.Contains(f.UserId)).ToList();
        await Task.WhenAll(followers.Select(async follower =>
        {
            var current = await Community.FindMemberAsync(follower.UserId);
            if (current is not null && (S.Audience is null || S.Audience.Contains(current.OrganizationId)))
            {
                await NotifyAsync(follower.UserId, NotificationKinds.FollowedPost, author, post);
            }
        }));
    }

    private async Task NotifyAsync(string userId, string kind, MemberIdentity author, PostState post)
    {
        var excerpt = post.Body.Length <= ExcerptLength ? post.Body : post.Body[..ExcerptLength] + "…";
        var notification = new Notification(
            CoPLiveIds.New("n"), kind, S.CommunityId, Id, S.Title, post.Id, author.UserId, author.DisplayName, excerpt, DateTimeOffset.UtcNow, Read: false);
        try
        {
            await GrainFactory.GetNotificationInbox(userId).NotifyAsync(notification);
        }
        catch (Exception exception)
        {
            LogNotifyFailed(logger, exception, Id, post.Id, userId);
        }
    }

    /// <summary>The caller's access if they may read: a member of the community and in the audience; not-found otherwise.</summary>
    private async Task<MemberAccess> RequireReaderAsync(MemberIdentity member)
    {
        if (!S.Created)
        {
            throw CoPLiveException.NotFound("thread", Id);
        }

        return await ItemAccess.RequireParticipantAsync(Community, S.Audience, member, "thread", Id);
    }

    private async Task RequireAuthorAsync(MemberIdentity member)
    {
        if ((await RequireReaderAsync(member)).Role == CommunityRole.Guest)
        {
            throw CoPLiveException.Forbidden("Guests may read and react, not post.");
        }
    }

    /// <summary>"@user-id" at the start or after a character that cannot be part of an id or an e-mail address.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.@-])@([a-z0-9-]{1,64})(?![a-z0-9-])")]
    private static partial Regex MentionPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Thread {ThreadId} ({Kind}) started in community {CommunityId} by {UserId}")]
    private static partial void LogCreated(ILogger logger, string threadId, string communityId, string userId, ThreadKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Thread {ThreadId}: post {PostId} removed by {UserId}")]
    private static partial void LogRemoved(ILogger logger, string threadId, string postId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thread {ThreadId}: the search index did not take post {PostId}; rebuild the community's index")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception, string threadId, string postId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thread {ThreadId}: the thread list of community {CommunityId} did not take its summary; its next change or the community's reindex hands it in again")]
    private static partial void LogListFailed(ILogger logger, Exception exception, string threadId, string communityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thread {ThreadId}: notifying {UserId} of post {PostId} failed")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string threadId, string postId, string userId);
}
