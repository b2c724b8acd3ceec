using CoPLive.Documents;
using Npgsql;
using NpgsqlTypes;

namespace CoPLive.Silo.Storage.Documents;

/// <summary><see cref="IDocumentStore"/> in PostgreSQL (tables of db/postgresql/005-documents.sql), one transaction per write.</summary>
public sealed class PostgreSqlDocumentStore(NpgsqlDataSource dataSource) : IDocumentStore
{
    public async Task<StoredDocument> LoadAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        byte[]? snapshot = null;
        byte[]? vector = null;
        long through = 0;
        await using (var command = Command(
            connection,
            transaction,
            """
            SELECT s.through_seq, s.state, v.state_vector FROM coplive_document_snapshot s
            LEFT JOIN coplive_document_snapshot_vector v ON v.document_id = s.document_id AND v.through_seq = s.through_seq
            WHERE s.document_id = @id
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
        await using (var command = Command(
            connection, transaction, "SELECT first_seq, payload FROM coplive_document_log WHERE document_id = @id AND last_seq > @through ORDER BY first_seq", documentId))
        {
            command.Parameters.AddWithValue("through", through);
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            connection, null, "INSERT INTO coplive_document_log (document_id, first_seq, last_seq, payload) VALUES (@id, @first, @last, @payload)", documentId);
        command.Parameters.AddWithValue("first", firstSeq);
        command.Parameters.AddWithValue("last", firstSeq + updates.Count - 1);
        command.Parameters.AddWithValue("payload", NpgsqlDbType.Bytea, UpdateBatchCodec.Encode(updates));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveSnapshotAsync(string documentId, long throughSeq, ReadOnlyMemory<byte> snapshot, ReadOnlyMemory<byte> stateVector, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = Command(
            connection,
            transaction,
            """
            INSERT INTO coplive_document_snapshot (document_id, through_seq, state, modified_on) VALUES (@id, @through, @state, now())
            ON CONFLICT (document_id) DO UPDATE SET through_seq = excluded.through_seq, state = excluded.state, modified_on = excluded.modified_on
            WHERE excluded.through_seq >= coplive_document_snapshot.through_seq
            """,
            documentId))
        {
            upsert.Parameters.AddWithValue("through", throughSeq);
            upsert.Parameters.AddWithValue("state", NpgsqlDbType.Bytea, snapshot.ToArray());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var upsert = Command(
            connection,
            transaction,
            """
            INSERT INTO coplive_document_snapshot_vector (document_id, through_seq, state_vector) VALUES (@id, @through, @vector)
            ON CONFLICT (document_id) DO UPDATE SET through_seq = excluded.through_seq, state_vector = excluded.state_vector
            WHERE excluded.through_seq >= coplive_document_snapshot_vector.through_seq
            """,
            documentId))
        {
            upsert.Parameters.AddWithValue("through", throughSeq);
            upsert.Parameters.AddWithValue("vector", NpgsqlDbType.Bytea, stateVector.ToArray());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var delete = Command(connection, transaction, "DELETE FROM coplive_document_log WHERE document_id = @id AND last_seq <= @through", documentId))
        {
            delete.Parameters.AddWithValue("through", throughSeq);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SaveVersionAsync(string documentId, string versionId, ReadOnlyMemory<byte> state, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            """
            INSERT INTO coplive_document_version (document_id, version_id, state, created_on) VALUES (@id, @version, @state, now())
            ON CONFLICT (document_id, version_id) DO UPDATE SET state = excluded.state
            """,
            documentId);
        command.Parameters.AddWithValue("version", versionId);
        command.Parameters.AddWithValue("state", NpgsqlDbType.Bytea, state.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> LoadVersionAsync(string documentId, string versionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT state FROM coplive_document_version WHERE document_id = @id AND version_id = @version", documentId);
        command.Parameters.AddWithValue("version", versionId);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<long> StoredBytesAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            """
            SELECT coalesce((SELECT sum(length(state)) FROM coplive_document_snapshot WHERE document_id = @id), 0)
                 + coalesce((SELECT sum(length(payload)) FROM coplive_document_log WHERE document_id = @id), 0)
            """,
            documentId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task SaveEditSessionsAsync(string documentId, IReadOnlyList<StoredEditSession> sessions, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var session in sessions)
        {
            await using var command = Command(
                connection,
                transaction,
                """
                INSERT INTO coplive_document_session (document_id, session_id, user_id, organization_id, updates, first_at, last_at, ended)
                VALUES (@id, @session, @user, @organization, @updates, @first, @last, @ended)
                ON CONFLICT (document_id, session_id) DO UPDATE SET
                    updates = excluded.updates, first_at = excluded.first_at, last_at = excluded.last_at, ended = excluded.ended
                """,
                documentId);
            command.Parameters.AddWithValue("session", session.SessionId);
            command.Parameters.AddWithValue("user", session.UserId);
            command.Parameters.AddWithValue("organization", session.OrganizationId);
            command.Parameters.AddWithValue("updates", session.Updates);
            command.Parameters.AddWithValue("first", session.FirstAt.ToUniversalTime());
            command.Parameters.AddWithValue("last", session.LastAt.ToUniversalTime());
            command.Parameters.AddWithValue("ended", session.Ended);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredEditSession>> LoadEditSessionsAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            "SELECT session_id, user_id, organization_id, updates, first_at, last_at, ended FROM coplive_document_session WHERE document_id = @id ORDER BY first_at, session_id",
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
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetBoolean(6)));
        }

        return sessions;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, string documentId)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", documentId);
        return command;
    }
}
