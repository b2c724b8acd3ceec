using CoPLive.Threads;
using Npgsql;

namespace CoPLive.Silo.Search;

/// <summary>
/// The thread index of a cluster: PostgreSQL full-text search (db/postgresql/006-threads.sql). Queries go
/// through plainto_tsquery, which reads any text as plain words (no query syntax is exposed).
/// </summary>
public sealed class PostgreSqlThreadSearchIndex(NpgsqlDataSource dataSource) : IThreadSearchIndex, IAsyncDisposable
{
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public async Task UpsertAsync(ThreadSearchEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO coplive_thread_search (thread_id, post_id, community_id, title, body)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (thread_id, post_id) DO UPDATE SET community_id = EXCLUDED.community_id, title = EXCLUDED.title, body = EXCLUDED.body
            """);
        command.Parameters.AddWithValue(entry.ThreadId);
        command.Parameters.AddWithValue(entry.PostId);
        command.Parameters.AddWithValue(entry.CommunityId);
        command.Parameters.AddWithValue(entry.Title);
        command.Parameters.AddWithValue(entry.Body);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task RemovePostAsync(string threadId, string postId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM coplive_thread_search WHERE thread_id = $1 AND post_id = $2", cancellationToken, threadId, postId);

    public Task RemoveThreadAsync(string threadId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM coplive_thread_search WHERE thread_id = $1", cancellationToken, threadId);

    public Task RemoveCommunityAsync(string communityId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM coplive_thread_search WHERE community_id = $1", cancellationToken, communityId);

    public async Task<IReadOnlyList<ThreadSearchHit>> SearchAsync(string communityId, string query, int limit, CancellationToken cancellationToken)
    {
        var words = SearchQuery.Words(query);
        if (words.IsEmpty)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand("""
            SELECT thread_id, post_id,
                   ts_headline('english', CASE WHEN body = '' THEN title ELSE body END, q, 'StartSel="", StopSel="", MaxWords=24, MinWords=8')
            FROM coplive_thread_search, plainto_tsquery('english', $2) AS q
            WHERE community_id = $1 AND document @@ q
            ORDER BY ts_rank(document, q) DESC, thread_id, post_id
            LIMIT $3
            """);
        command.Parameters.AddWithValue(communityId);
        command.Parameters.AddWithValue(string.Join(' ', words));
        command.Parameters.AddWithValue(limit);
        List<ThreadSearchHit> hits = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new ThreadSearchHit(reader.GetString(0), reader.GetString(1), "", reader.GetString(2)));
        }

        return hits;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.AddWithValue(value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
