using CoPLive.Threads;
using Microsoft.Data.Sqlite;

namespace CoPLive.Silo.Search;

/// <summary>
/// The thread index of the embedded default: SQLite FTS5 in the grain-storage file (db/sqlite/004-threads.sql).
/// A query's words are each quoted, so FTS5's query syntax is never exposed to what a person typed.
/// </summary>
public sealed class SqliteThreadSearchIndex(string connectionString) : IThreadSearchIndex
{
    public async Task UpsertAsync(ThreadSearchEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var id = await ScalarAsync(
            transaction,
            "SELECT Id FROM ThreadSearchPost WHERE ThreadId = @thread AND PostId = @post",
            cancellationToken,
            ("@thread", entry.ThreadId),
            ("@post", entry.PostId));
        if (id is long existing)
        {
            await ExecuteAsync(transaction, "DELETE FROM ThreadSearchText WHERE rowid = @id", cancellationToken, ("@id", existing));
        }
        else
        {
            id = await ScalarAsync(
                transaction,
                "INSERT INTO ThreadSearchPost (CommunityId, ThreadId, PostId) VALUES (@community, @thread, @post) RETURNING Id",
                cancellationToken,
                ("@community", entry.CommunityId),
                ("@thread", entry.ThreadId),
                ("@post", entry.PostId));
        }

        await ExecuteAsync(
            transaction,
            "INSERT INTO ThreadSearchText (rowid, Title, Body) VALUES (@id, @title, @body)",
            cancellationToken,
            ("@id", id!),
            ("@title", entry.Title),
            ("@body", entry.Body));
        await transaction.CommitAsync(cancellationToken);
    }

    public Task RemovePostAsync(string threadId, string postId, CancellationToken cancellationToken) =>
        RemoveWhereAsync("ThreadId = @thread AND PostId = @post", cancellationToken, ("@thread", threadId), ("@post", postId));

    public Task RemoveThreadAsync(string threadId, CancellationToken cancellationToken) =>
        RemoveWhereAsync("ThreadId = @thread", cancellationToken, ("@thread", threadId));

    public Task RemoveCommunityAsync(string communityId, CancellationToken cancellationToken) =>
        RemoveWhereAsync("CommunityId = @community", cancellationToken, ("@community", communityId));

    public async Task<IReadOnlyList<ThreadSearchHit>> SearchAsync(string communityId, string query, int limit, CancellationToken cancellationToken)
    {
        var words = SearchQuery.Words(query);
        if (words.IsEmpty)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.ThreadId, p.PostId, snippet(ThreadSearchText, -1, '', '', '…', 16)
            FROM ThreadSearchText
            JOIN ThreadSearchPost p ON p.Id = ThreadSearchText.rowid
            WHERE ThreadSearchText MATCH @match AND p.CommunityId = @community
            ORDER BY ThreadSearchText.rank
            LIMIT @limit
            """;
        command.Parameters.AddWithValue("@match", string.Join(' ', words.Select(w => $"\"{w}\"")));
        command.Parameters.AddWithValue("@community", communityId);
        command.Parameters.AddWithValue("@limit", limit);
        List<ThreadSearchHit> hits = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new ThreadSearchHit(reader.GetString(0), reader.GetString(1), "", reader.GetString(2)));
        }

        return hits;
    }

    private async Task RemoveWhereAsync(string condition, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(transaction, $"DELETE FROM ThreadSearchText WHERE rowid IN (SELECT Id FROM ThreadSearchPost WHERE {condition})", cancellationToken, parameters);
        await ExecuteAsync(transaction, $"DELETE FROM ThreadSearchPost WHERE {condition}", cancellationToken, parameters);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
