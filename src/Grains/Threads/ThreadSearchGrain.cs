using System.Collections.Immutable;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Identity;
using Orleans.Concurrency;

namespace CoPLive.Threads;

/// <inheritdoc cref="IThreadSearchGrain"/>
/// <remarks>
/// A stateless worker: it keeps nothing between calls, so parallel activations on every silo are safe. The
/// index gives candidates (several times the asked-for number, since some are filtered away); each thread's
/// grain keeps only the posts the caller may read, so the audience is decided where it always is.
/// </remarks>
[StatelessWorker]
public sealed class ThreadSearchGrain(IThreadSearchIndex index) : Grain, IThreadSearchGrain
{
    private const int CandidatesPerResult = 4;

    private string CommunityId => this.GetPrimaryKeyString();

    public async Task<ImmutableArray<ThreadSearchHit>> SearchAsync(MemberIdentity viewer, string query, int limit)
    {
        var text = Limits.RequireText(query, "q", Limits.SearchQueryLength);
        if (SearchQuery.Words(text).IsEmpty)
        {
            throw CoPLiveException.Invalid("'q' needs at least one word of letters or digits.");
        }

        if (limit is < 1 or > Limits.MaxSearchResults)
        {
            throw CoPLiveException.Invalid($"'limit' is 1 to {Limits.MaxSearchResults}.");
        }

        // Outsiders learn nothing: the community answers not-found or forbidden before the index is asked.
        await GrainFactory.GetCommunity(CommunityId).GetMemberAccessAsync(viewer);
        var candidates = await index.SearchAsync(CommunityId, text, limit * CandidatesPerResult, CancellationToken.None);
        var byThread = candidates.GroupBy(c => c.ThreadId, StringComparer.Ordinal).ToList();
        var visible = await Task.WhenAll(byThread.Select(g => GrainFactory.GetThread(g.Key).FilterSearchHitsAsync(viewer, [.. g])));
        var kept = visible.SelectMany(v => v).Select(h => (h.ThreadId, h.PostId)).ToHashSet();
        var titles = visible.SelectMany(v => v).ToDictionary(h => (h.ThreadId, h.PostId), h => h.Title);
        return [.. candidates
            .Where(c => kept.Contains((c.ThreadId, c.PostId)))
            .Select(c => c with { Title = titles[(c.ThreadId, c.PostId)] })
            .Take(limit)];
    }

    public async Task<ThreadIndexRebuilt> RebuildAsync(MemberIdentity caller)
    {
        var community = GrainFactory.GetCommunity(CommunityId);
        if ((await community.GetMemberAccessAsync(caller)).Role != CommunityRole.Coordinator)
        {
            throw CoPLiveException.Forbidden("Only a coordinator may rebuild the search index.");
        }

        var threadIds = await community.ListThreadIdsAsync(caller);
        await index.RemoveCommunityAsync(CommunityId, CancellationToken.None);
        var posts = 0;
        foreach (var threadId in threadIds)
        {
            posts += await GrainFactory.GetThread(threadId).ReindexAsync();
        }

        return new ThreadIndexRebuilt(threadIds.Length, posts);
    }
}
