namespace CoPLive.Documents;

/// <summary>A document as storage holds it: the compacted snapshot (through <see cref="SnapshotSeq"/>) and the log after it.</summary>
/// <param name="Snapshot">The compacted state, or null if the document was never compacted.</param>
/// <param name="SnapshotSeq">The last log position the snapshot holds (0 if none).</param>
/// <param name="Tail">Logged updates after the snapshot, by position.</param>
/// <param name="SnapshotStateVector">
/// The snapshot's state vector (Yjs v1 encoding) as compaction stored it beside the snapshot, or null if none was
/// stored for this snapshot (then the snapshot is decoded to learn it).
/// </param>
public sealed record StoredDocument(byte[]? Snapshot, long SnapshotSeq, IReadOnlyList<StoredUpdate> Tail, byte[]? SnapshotStateVector = null);
