using CoPLive.Identity;

namespace CoPLive.Threads;

/// <summary>
/// A community's threads as its list shows them; keyed by the community id. The thread grains hand in their
/// summary after each change that shows in a list, so a list reads this one grain instead of asking every thread
/// (and activating every thread from storage). Derived data: the thread grains are the authority, and the
/// community's reindex hands every summary in again.
/// </summary>
[Alias("CoPLive.IThreadListGrain")]
public interface IThreadListGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a thread's summary; a summary the list already holds writes nothing.</summary>
    [Alias("Put")]
    Task PutAsync(ThreadSummary summary);

    /// <summary>
    /// The threads <paramref name="viewer"/> may see (a member of the community, in each thread's audience), latest
    /// activity first, one page of them; not-found or forbidden outside the community, as the community answers.
    /// </summary>
    [Alias("List")]
    Task<Common.Page<ThreadSummary>> ListAsync(MemberIdentity viewer, ThreadQuery query);
}
