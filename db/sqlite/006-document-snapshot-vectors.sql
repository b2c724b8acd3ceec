-- CoPLive documents (SQLite): the state vector of each compacted snapshot, so that activating a document learns
-- the server's state vector without decoding its snapshot (IDocumentStore; src/Silo/Storage/Documents/SqliteDocumentStore.cs).
--
-- CoPLiveDocumentSnapshotVector: one row per compacted document: the Yjs v1 state vector (as the grain keeps it,
--   contiguous clocks from 0 per client) of the snapshot through ThroughSeq; compaction writes it in the snapshot's
--   transaction. A row whose ThroughSeq is not the snapshot's (or none: snapshots stored before this table) is not
--   used, and the activation decodes the snapshot as before.
--
-- Idempotent. Send the whole file as ONE command. Requires 003-documents.sql.

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS CoPLiveDocumentSnapshotVector
(
    DocumentId  TEXT    NOT NULL PRIMARY KEY,
    ThroughSeq  INTEGER NOT NULL,
    StateVector BLOB    NOT NULL
);

COMMIT;
