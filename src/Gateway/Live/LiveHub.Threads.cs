using CoPLive.Common;
using CoPLive.Threads;

namespace CoPLive.Gateway.Live;

/// <summary>The thread room's live actions: one grain call each; the results reach everyone in "thread:{id}" as room events.</summary>
public sealed partial class LiveHub
{
    public Task<ThreadPost> AddPost(string threadId, string body, string? replyTo) =>
        Thread(threadId).AddPostAsync(Caller, body, replyTo is null ? null : CoPLiveIds.Require(replyTo, "post"));

    public Task<ThreadPost> EditPost(string threadId, string postId, string body) =>
        Thread(threadId).EditPostAsync(Caller, CoPLiveIds.Require(postId, "post"), body);

    public Task<ThreadPost> RemovePost(string threadId, string postId, string reason) =>
        Thread(threadId).RemovePostAsync(Caller, CoPLiveIds.Require(postId, "post"), reason);

    public Task<ReactionToggled> ReactToPost(string threadId, string postId, string emoji) =>
        Thread(threadId).ToggleReactionAsync(Caller, CoPLiveIds.Require(postId, "post"), emoji);

    public Task<ThreadSummary> AcceptAnswer(string threadId, string postId) =>
        Thread(threadId).AcceptAnswerAsync(Caller, CoPLiveIds.Require(postId, "post"));

    private IThreadGrain Thread(string threadId) => grains.GetThread(CoPLiveIds.Require(threadId, "thread"));
}
