namespace CoPLive.Threads;

/// <summary>
/// The full-text index of thread posts. It is derived data: the thread grains feed it as posts change and can
/// rebuild it, and it is never the authority on who may read what (the search grain asks the thread grains).
/// The silo hosting registers SQLite FTS5 (embedded default) or PostgreSQL full-text search (cluster).
/// </summary>
public interface IThreadSearchIndex
{
    /// <summary>Adds a post, or replaces what the index holds for it.</summary>
    Task UpsertAsync(ThreadSearchEntry entry, CancellationToken cancellationToken);

    /// <summary>Forgets one post.</summary>
    Task RemovePostAsync(string threadId, string postId, CancellationToken cancellationToken);

    /// <summary>Forgets every post of a thread.</summary>
    Task RemoveThreadAsync(string threadId, CancellationToken cancellationToken);

    /// <summary>Forgets every post of a community (before a rebuild).</summary>
    Task RemoveCommunityAsync(string communityId, CancellationToken cancellationToken);

    /// <summary>Candidate posts of the community that contain every word of <paramref name="query"/>, best first.</summary>
    Task<IReadOnlyList<Threads.ThreadSearchHit>> SearchAsync(string communityId, string query, int limit, CancellationToken cancellationToken);
}
