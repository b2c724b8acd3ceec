using System.Globalization;
using CoPLive.Documents;
using Microsoft.Data.Sqlite;

namespace CoPLive.Silo.Storage.Documents;

/// <summary>
/// <see cref="IDocumentStore"/> in the node's SQLite file (the grain-storage file; tables of db/sqlite/003-documents.sql).
/// Each write is one <c>BEGIN IMMEDIATE</c> transaction on a pooled connection; SQLite's default synchronous mode in
/// WAL makes a commit durable before it returns.
/// </summary>
public sealed class SqliteDocumentStore(string connectionString) : IDocumentStore
{
    public async Task<StoredDocument> LoadAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        byte[]? snapshot = null;
        byte[]? vector = null;
        long through = 0;
        await using (var command = Command(
            connection,
            transaction,
            """
            SELECT s.ThroughSeq, s.State, v.StateVector FROM CoPLiveDocumentSnapshot s
            LEFT JOIN CoPLiveDocumentSnapshotVector v ON v.DocumentId = s.DocumentId AND v.ThroughSeq = s.ThroughSeq
            WHERE s.DocumentId = $id
            """,
            documentId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                through = reader.GetInt64(0);
                snapshot = (byte[])reader.GetValue(1);
                vector = reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2);
            }
        }

        List<StoredUpdate> tail = [];
        await using (var command = Command(connection, transaction, "SELECT FirstSeq, Payload FROM CoPLiveDocumentLog WHERE DocumentId = $id AND LastSeq > $through ORDER BY FirstSeq", documentId))
        {
            command.Parameters.AddWithValue("$through", through);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tail.AddRange(UpdateBatchCodec.Decode(reader.GetInt64(0), (byte[])reader.GetValue(1)).Where(u => u.Seq > through));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoredDocument(snapshot, through, tail, vector);
    }

    public async Task AppendAsync(string documentId, long firstSeq, IReadOnlyList<byte[]> updates, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = Command(
            connection, transaction, "INSERT INTO CoPLiveDocumentLog (DocumentId, FirstSeq, LastSeq, Payload) VALUES ($id, $first, $last, $payload)", documentId);
        command.Parameters.AddWithValue("$first", firstSeq);
        command.Parameters.AddWithValue("$last", firstSeq + updates.Count - 1);
        command.Parameters.Add("$payload", SqliteType.Blob).Value = UpdateBatchCodec.Encode(updates);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SaveSnapshotAsync(string documentId, long throughSeq, ReadOnlyMemory<byte> snapshot, ReadOnlyMemory<byte> stateVector, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var upsert = Command(
            connection,
            transaction,
            """
            INSERT INTO CoPLiveDocumentSnapshot (DocumentId, ThroughSeq, State, ModifiedOn) VALUES ($id, $through, $state, $now)
            ON CONFLICT (DocumentId) DO UPDATE SET ThroughSeq = excluded.ThroughSeq, State = excluded.State, ModifiedOn = excluded.ModifiedOn
            WHERE excluded.ThroughSeq >= CoPLiveDocumentSnapshot.ThroughSeq
            """,
            documentId))
        {
            upsert.Parameters.AddWithValue("$through", throughSeq);
            upsert.Parameters.Add("$state", SqliteType.Blob).Value = snapshot.ToArray();
            upsert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var upsert = Command(
            connection,
            transaction,
            """
            INSERT INTO CoPLiveDocumentSnapshotVector (DocumentId, ThroughSeq, StateVector) VALUES ($id, $through, $vector)
            ON CONFLICT (DocumentId) DO UPDATE SET ThroughSeq = excluded.ThroughSeq, StateVector = excluded.StateVector
            WHERE excluded.ThroughSeq >= CoPLiveDocumentSnapshotVector.ThroughSeq
            """,
            documentId))
        {
            upsert.Parameters.AddWithValue("$through", throughSeq);
            upsert.Parameters.Add("$vector", SqliteType.Blob).Value = stateVector.ToArray();
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var delete = Command(connection, transaction, "DELETE FROM CoPLiveDocumentLog WHERE DocumentId = $id AND LastSeq <= $through", documentId))
        {
            delete.Parameters.AddWithValue("$through", throughSeq);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SaveVersionAsync(string documentId, string versionId, ReadOnlyMemory<byte> state, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection, null, "INSERT OR REPLACE INTO CoPLiveDocumentVersion (DocumentId, VersionId, State, CreatedOn) VALUES ($id, $version, $state, $now)", documentId);
        command.Parameters.AddWithValue("$version", versionId);
        command.Parameters.Add("$state", SqliteType.Blob).Value = state.ToArray();
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> LoadVersionAsync(string documentId, string versionId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT State FROM CoPLiveDocumentVersion WHERE DocumentId = $id AND VersionId = $version", documentId);
        command.Parameters.AddWithValue("$version", versionId);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<long> StoredBytesAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            """
            SELECT coalesce((SELECT sum(length(State)) FROM CoPLiveDocumentSnapshot WHERE DocumentId = $id), 0)
                 + coalesce((SELECT sum(length(Payload)) FROM CoPLiveDocumentLog WHERE DocumentId = $id), 0)
            """,
            documentId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task SaveEditSessionsAsync(string documentId, IReadOnlyList<StoredEditSession> sessions, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var session in sessions)
        {
            await using var command = Command(
                connection,
                transaction,
                """
                INSERT OR REPLACE INTO CoPLiveDocumentSession (DocumentId, SessionId, UserId, OrganizationId, Updates, FirstAt, LastAt, Ended)
                VALUES ($id, $session, $user, $organization, $updates, $first, $last, $ended)
                """,
                documentId);
            command.Parameters.AddWithValue("$session", session.SessionId);
            command.Parameters.AddWithValue("$user", session.UserId);
            command.Parameters.AddWithValue("$organization", session.OrganizationId);
            command.Parameters.AddWithValue("$updates", session.Updates);
            command.Parameters.AddWithValue("$first", session.FirstAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$last", session.LastAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$ended", session.Ended ? 1 : 0);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredEditSession>> LoadEditSessionsAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            "SELECT SessionId, UserId, OrganizationId, Updates, FirstAt, LastAt, Ended FROM CoPLiveDocumentSession WHERE DocumentId = $id ORDER BY FirstAt, SessionId",
            documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<StoredEditSession> sessions = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(new StoredEditSession(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.GetInt64(6) != 0));
        }

        return sessions;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, string documentId)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", documentId);
        return command;
    }
}
