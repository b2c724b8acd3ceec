using CoPLive.Documents.Yjs;
using CoPLive.Silo.Storage;
using CoPLive.Silo.Storage.Documents;
using CoPLive.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CoPLive.Documents.Tests;

/// <summary>
/// Both document stores keep a snapshot's state vector beside it, so that activating a compacted document decodes
/// nothing; a snapshot stored without one (before the vectors' table existed) loads without one, and the grain
/// decodes that snapshot as before.
/// </summary>
public sealed class DocumentStoreTests : IDisposable
{
    private readonly RealClients _clients = new();

    /// <summary>A real Yjs update: a client typed into an empty document.</summary>
    private byte[] Snapshot => field ??= _clients.Change(new byte[] { 0, 0 }, "doc.getText('content').insert(0, 'Slope stability')");

    public void Dispose() => _clients.Dispose();

    [Fact]
    public async Task TheSqliteStore_LoadsTheStateVectorStoredWithTheSnapshot_AndNoneForASnapshotStoredWithout()
    {
        var connectionString = SqliteConnectionStrings.For(Path.Combine(RepositoryPaths.NewTempFolder(), "coplive.db"));
        await DatabaseSchema.ApplySqliteAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        var store = new SqliteDocumentStore(connectionString);

        await RoundTripAsync(store, (id, through) => ExecuteSqliteAsync(
            connectionString,
            "INSERT INTO CoPLiveDocumentSnapshot (DocumentId, ThroughSeq, State, ModifiedOn) VALUES ($id, $through, $state, '2026-01-01T00:00:00Z')",
            id,
            through));
    }

    [Fact]
    public async Task ThePostgreSqlStore_LoadsTheStateVectorStoredWithTheSnapshot_AndNoneForASnapshotStoredWithout()
    {
        await DatabaseSchema.ApplyPostgreSqlAsync(TestPostgres.ConnectionString, NullLogger.Instance, CancellationToken.None);
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionString);
        var store = new PostgreSqlDocumentStore(dataSource);

        await RoundTripAsync(store, async (id, through) =>
        {
            await using var command = dataSource.CreateCommand(
                "INSERT INTO coplive_document_snapshot (document_id, through_seq, state, modified_on) VALUES (@id, @through, @state, now())");
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("through", through);
            command.Parameters.AddWithValue("state", Snapshot);
            await command.ExecuteNonQueryAsync();
        });
    }

    /// <summary>A compaction's snapshot and vector load together; a later snapshot written the old way (no vector) loads without one.</summary>
    private async Task RoundTripAsync(IDocumentStore store, Func<string, long, Task> storeSnapshotWithoutVector)
    {
        var compacted = $"doc-{Guid.NewGuid():n}";
        var old = $"doc-{Guid.NewGuid():n}";
        var vector = new YjsStateVector();
        YjsUpdateDecoder.Decode(Snapshot, vector);
        var encoded = vector.Encode();
        await store.AppendAsync(compacted, 1, [Snapshot], CancellationToken.None);
        await store.SaveSnapshotAsync(compacted, 1, Snapshot, encoded, CancellationToken.None);
        await store.AppendAsync(compacted, 2, [Snapshot], CancellationToken.None);
        await storeSnapshotWithoutVector(old, 3);

        var loaded = await store.LoadAsync(compacted, CancellationToken.None);
        var loadedOld = await store.LoadAsync(old, CancellationToken.None);

        Assert.Equal(Snapshot, loaded.Snapshot);
        Assert.Equal(1, loaded.SnapshotSeq);
        Assert.Equal(encoded, loaded.SnapshotStateVector);
        Assert.Equal([2L], loaded.Tail.Select(u => u.Seq));
        Assert.Equal(1, vector.Count);
        Assert.Equal(encoded, YjsStateVector.Decode(loaded.SnapshotStateVector!).Encode());
        Assert.Equal(Snapshot, loadedOld.Snapshot);
        Assert.Equal(3, loadedOld.SnapshotSeq);
        Assert.Null(loadedOld.SnapshotStateVector);
    }

    private async Task ExecuteSqliteAsync(string connectionString, string sql, string id, long through)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$through", through);
        command.Parameters.Add("$state", SqliteType.Blob).Value = Snapshot;
        await command.ExecuteNonQueryAsync();
    }
}
