-- CoPLive documents (PostgreSQL): the state vector of each compacted snapshot, so that activating a document learns
-- the server's state vector without decoding its snapshot (IDocumentStore; src/Silo/Storage/Documents/PostgreSqlDocumentStore.cs).
--
-- coplive_document_snapshot_vector: one row per compacted document: the Yjs v1 state vector (as the grain keeps
--   it, contiguous clocks from 0 per client) of the snapshot through through_seq; compaction writes it in the
--   snapshot's transaction. A row whose through_seq is not the snapshot's (or none: snapshots stored before this
--   table) is not used, and the activation decodes the snapshot as before.
--
-- Idempotent; one transaction under the shared advisory lock. Requires 005-documents.sql.

BEGIN;
SELECT pg_advisory_xact_lock(hashtext('coplive.orleans.schema'));

CREATE TABLE IF NOT EXISTS coplive_document_snapshot_vector
(
    document_id  text   NOT NULL PRIMARY KEY,
    through_seq  bigint NOT NULL,
    state_vector bytea  NOT NULL
);

COMMIT;
