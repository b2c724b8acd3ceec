-- CoPLive documents (PostgreSQL): each member's editing sessions of a document, the stored content that
-- analytics rebuilds document contributors from (IDocumentStore; src/Silo/Storage/Documents/PostgreSqlDocumentStore.cs).
--
-- coplive_document_session: one row per editing session: who (and their organization), how many committed
--   updates, the first and last update's time, and whether it ended (published as document-edit-session).
--   An open row (ended = false) holds the counters as of the document grain's last save (every CompactWhenIdle
--   tick while it changes); a new activation ends the open rows a killed one left.
--
-- Idempotent; one transaction under the shared advisory lock. Requires 001-main.sql.

BEGIN;
SELECT pg_advisory_xact_lock(hashtext('coplive.orleans.schema'));

CREATE TABLE IF NOT EXISTS coplive_document_session
(
    document_id     text        NOT NULL,
    session_id      text        NOT NULL,
    user_id         text        NOT NULL,
    organization_id text        NOT NULL,
    updates         integer     NOT NULL,
    first_at        timestamptz NOT NULL,
    last_at         timestamptz NOT NULL,
    ended           boolean     NOT NULL,
    PRIMARY KEY (document_id, session_id)
);

COMMIT;
