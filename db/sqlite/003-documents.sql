-- CoPLive documents (SQLite): the durable Yjs update log, compacted snapshots and saved versions,
-- outside Orleans grain storage (IDocumentStore; src/Silo/Storage/Documents/SqliteDocumentStore.cs).
--
-- CoPLiveDocumentLog: one row per group commit: the batch's first log position and its updates,
--   each a lib0 length-prefixed byte array, back to back (UpdateBatchCodec).
-- CoPLiveDocumentSnapshot: one row per compacted document: the merged Yjs state (v1) that holds every
--   update up to ThroughSeq; compaction writes it and deletes those log rows in one transaction.
-- CoPLiveDocumentVersion: the state of each saved version (its metadata lives in the document's grain state).
--
-- Idempotent. Send the whole file as ONE command. Requires 001-main.sql (WAL).

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS CoPLiveDocumentLog
(
    DocumentId TEXT    NOT NULL,
    FirstSeq   INTEGER NOT NULL,
    LastSeq    INTEGER NOT NULL,
    Payload    BLOB    NOT NULL,
    PRIMARY KEY (DocumentId, FirstSeq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS CoPLiveDocumentSnapshot
(
    DocumentId TEXT    NOT NULL PRIMARY KEY,
    ThroughSeq INTEGER NOT NULL,
    State      BLOB    NOT NULL,
    ModifiedOn TEXT    NOT NULL
);

CREATE TABLE IF NOT EXISTS CoPLiveDocumentVersion
(
    DocumentId TEXT NOT NULL,
    VersionId  TEXT NOT NULL,
    State      BLOB NOT NULL,
    CreatedOn  TEXT NOT NULL,
    PRIMARY KEY (DocumentId, VersionId)
);

COMMIT;
