-- CoPLive documents (PostgreSQL): the durable Yjs update log, compacted snapshots and saved versions,
-- outside Orleans grain storage (IDocumentStore; src/Silo/Storage/Documents/PostgreSqlDocumentStore.cs).
--
-- coplive_document_log: one row per group commit: the batch's first log position and its updates,
--   each a lib0 length-prefixed byte array, back to back (UpdateBatchCodec).
-- coplive_document_snapshot: one row per compacted document: the merged Yjs state (v1) that holds every
--   update up to through_seq; compaction writes it and deletes those log rows in one transaction.
-- coplive_document_version: the state of each saved version (its metadata lives in the document's grain state).
--
-- Idempotent; one transaction under the shared advisory lock. Requires 001-main.sql.

BEGIN;
SELECT pg_advisory_xact_lock(hashtext('coplive.orleans.schema'));

CREATE TABLE IF NOT EXISTS coplive_document_log
(
    document_id text   NOT NULL,
    first_seq   bigint NOT NULL,
    last_seq    bigint NOT NULL,
    payload     bytea  NOT NULL,
    PRIMARY KEY (document_id, first_seq)
);

CREATE TABLE IF NOT EXISTS coplive_document_snapshot
(
    document_id text        NOT NULL PRIMARY KEY,
    through_seq bigint      NOT NULL,
    state       bytea       NOT NULL,
    modified_on timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS coplive_document_version
(
    document_id text        NOT NULL,
    version_id  text        NOT NULL,
    state       bytea       NOT NULL,
    created_on  timestamptz NOT NULL,
    PRIMARY KEY (document_id, version_id)
);

COMMIT;
