using System.Collections.Immutable;
using CoPLive.Identity;

namespace CoPLive.Threads;

/// <summary>
/// Full-text search over a community's threads; keyed by the community id. It asks the index for candidates
/// and then each thread's grain which of them the caller may read, so that no post outside the caller's
/// audience is ever returned. Stateless: any silo may run as many as it likes, since it keeps nothing.
/// </summary>
[Alias("CoPLive.IThreadSearchGrain")]
public interface IThreadSearchGrain : IGrainWithStringKey
{
    /// <summary>The posts matching <paramref name="query"/> (all its words) that <paramref name="viewer"/> may read, best first, at most <paramref name="limit"/>.</summary>
    [Alias("Search")]
    Task<ImmutableArray<ThreadSearchHit>> SearchAsync(MemberIdentity viewer, string query, int limit);

    /// <summary>A coordinator rebuilds the community's index from its thread grains.</summary>
    [Alias("Rebuild")]
    Task<ThreadIndexRebuilt> RebuildAsync(MemberIdentity caller);
}
