namespace CoPLive.Documents;

/// <summary>
/// Where documents are durable, outside grain state: per document an append-only log of update batches (one row per
/// group commit) and one compacted snapshot, plus saved versions. Implementations: SQLite (the grain-storage file)
/// and PostgreSQL, registered by the silo hosting. Every method is one transaction.
/// </summary>
public interface IDocumentStore
{
    /// <summary>The snapshot (if any, with its stored state vector if one was stored with it) and every logged update after it, in log order.</summary>
    Task<StoredDocument> LoadAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Appends one batch of updates at log positions <paramref name="firstSeq"/>, <paramref name="firstSeq"/>+1, ...; committed when the task completes.</summary>
    Task AppendAsync(string documentId, long firstSeq, IReadOnlyList<byte[]> updates, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the snapshot with <paramref name="snapshot"/>, which holds every update up to <paramref name="throughSeq"/>,
    /// and its state vector (db/sqlite/006-document-snapshot-vectors.sql, db/postgresql/008-document-snapshot-vectors.sql),
    /// and drops those updates from the log.
    /// </summary>
    Task SaveSnapshotAsync(string documentId, long throughSeq, ReadOnlyMemory<byte> snapshot, ReadOnlyMemory<byte> stateVector, CancellationToken cancellationToken);

    /// <summary>Stores a version's state.</summary>
    Task SaveVersionAsync(string documentId, string versionId, ReadOnlyMemory<byte> state, CancellationToken cancellationToken);

    /// <summary>A version's state, or null if none is stored under that id.</summary>
    Task<byte[]?> LoadVersionAsync(string documentId, string versionId, CancellationToken cancellationToken);

    /// <summary>Bytes of the snapshot and the log (versions excluded).</summary>
    Task<long> StoredBytesAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces editing sessions by session id (db/sqlite/005-document-sessions.sql, db/postgresql/007-document-sessions.sql), in one transaction.</summary>
    Task SaveEditSessionsAsync(string documentId, IReadOnlyList<StoredEditSession> sessions, CancellationToken cancellationToken);

    /// <summary>Every stored editing session of the document, oldest first.</summary>
    Task<IReadOnlyList<StoredEditSession>> LoadEditSessionsAsync(string documentId, CancellationToken cancellationToken);
}
