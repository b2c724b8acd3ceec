using System.Collections.Immutable;
using CoPLive.Identity;
using CoPLive.Rooms;

namespace CoPLive.Threads;

/// <summary>
/// A discussion or question thread of a community; keyed by the thread id. It owns its posts, their edits,
/// removals and reactions, the accepted answer and the followers, and decides who may read and write
/// (community membership and the thread's audience: anyone outside either gets not-found, everywhere). Its
/// live events go out through the room's grain ("thread:{id}"), which sequences them; it feeds the search
/// index and the community's activity stream.
/// </summary>
[Alias("CoPLive.IThreadGrain")]
public interface IThreadGrain : IGrainWithStringKey
{
    /// <summary>Starts the thread in a community with its opening post; the author follows it. Guests may not.</summary>
    [Alias("Create")]
    Task<ThreadView> CreateAsync(string communityId, NewThread thread, MemberIdentity author, string? meetupId);

    /// <summary>The whole thread as <paramref name="viewer"/> reads it; not-found outside the community or the audience.</summary>
    [Alias("GetView")]
    Task<ThreadView> GetViewAsync(MemberIdentity viewer);

    /// <summary>
    /// The thread for its community's list (<see cref="IThreadListGrain"/>), whoever asks: the list decides who sees
    /// it. Null if there is no such thread. It interleaves with the thread's other calls, so a list that builds
    /// itself never waits on a thread that is waiting on the list.
    /// </summary>
    [Alias("GetListing"), Orleans.Concurrency.AlwaysInterleave]
    Task<ThreadSummary?> GetListingAsync();

    /// <summary>Checks that <paramref name="member"/> may be in the thread's room; returns what the room's presence must know.</summary>
    [Alias("AuthorizeRoomEntry")]
    Task<RoomAccess> AuthorizeRoomEntryAsync(MemberIdentity member);

    /// <summary>Adds a post, or a reply to <paramref name="replyTo"/> (persisted before it is shown); mentioned members and followers are notified.</summary>
    [Alias("AddPost")]
    Task<ThreadPost> AddPostAsync(MemberIdentity author, string body, string? replyTo);

    /// <summary>The author edits their post; the earlier body goes into its history.</summary>
    [Alias("EditPost")]
    Task<ThreadPost> EditPostAsync(MemberIdentity caller, string postId, string body);

    /// <summary>A post's earlier bodies, oldest first, for anyone who may read the thread.</summary>
    [Alias("GetHistory")]
    Task<ImmutableArray<PostRevision>> GetHistoryAsync(MemberIdentity viewer, string postId);

    /// <summary>The author, a moderator or a coordinator removes a post (soft: it keeps its place), with a reason.</summary>
    [Alias("RemovePost")]
    Task<ThreadPost> RemovePostAsync(MemberIdentity caller, string postId, string reason);

    /// <summary>Toggles the caller's reaction with <paramref name="emoji"/> on a post (guests too); counts go out per tick.</summary>
    [Alias("ToggleReaction")]
    Task<ReactionToggled> ToggleReactionAsync(MemberIdentity member, string postId, string emoji);

    /// <summary>The asker, a moderator or a coordinator accepts an answer of a question thread; accepting another one replaces it.</summary>
    /// <summary>
    /// The thread's author, a moderator or a coordinator changes its audience (null: the whole community; it must keep
    /// the author's organization); live viewers outside it leave the thread's room at once.
    /// </summary>
    [Alias("SetAudience")]
    Task<ThreadView> SetAudienceAsync(MemberIdentity caller, Communities.Audience? audience);

    [Alias("AcceptAnswer")]
    Task<ThreadSummary> AcceptAnswerAsync(MemberIdentity caller, string postId);

    /// <summary>The caller starts or stops following the thread (notified of each new post).</summary>
    [Alias("SetFollow")]
    Task<ThreadSummary> SetFollowAsync(MemberIdentity caller, bool follow);

    /// <summary>Of the index's candidate hits in this thread, those <paramref name="viewer"/> may read (posts not removed), with the current title.</summary>
    [Alias("FilterSearchHits")]
    Task<ImmutableArray<ThreadSearchHit>> FilterSearchHitsAsync(MemberIdentity viewer, ImmutableArray<ThreadSearchHit> candidates);

    /// <summary>
    /// Writes the thread's title and every post that is not removed to the search index again, and hands its summary
    /// to the community's thread list again; returns the number of posts indexed.
    /// </summary>
    [Alias("Reindex")]
    Task<int> ReindexAsync();

    /// <summary>
    /// The thread's history as the activity events that made it (creation, posts, the accepted answer) with their
    /// stored times, oldest first; empty if the thread does not exist. For the community's analytics rebuild only.
    /// </summary>
    [Alias("ReplayActivity")]
    Task<ImmutableArray<Activity.ActivityEvent>> ReplayActivityAsync();
}
