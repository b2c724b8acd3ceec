-- CoPLive documents (SQLite): each member's editing sessions of a document, the stored content that
-- analytics rebuilds document contributors from (IDocumentStore; src/Silo/Storage/Documents/SqliteDocumentStore.cs).
--
-- CoPLiveDocumentSession: one row per editing session: who (and their organization), how many committed
--   updates, the first and last update's time (ISO 8601, UTC), and whether it ended (Ended = 1: published as
--   document-edit-session). An open row (Ended = 0) holds the counters as of the document grain's last save
--   (every CompactWhenIdle tick while it changes); a new activation ends the open rows a killed one left.
--
-- Idempotent. Send the whole file as ONE command. Requires 001-main.sql (WAL).

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS CoPLiveDocumentSession
(
    DocumentId     TEXT    NOT NULL,
    SessionId      TEXT    NOT NULL,
    UserId         TEXT    NOT NULL,
    OrganizationId TEXT    NOT NULL,
    Updates        INTEGER NOT NULL,
    FirstAt        TEXT    NOT NULL,
    LastAt         TEXT    NOT NULL,
    Ended          INTEGER NOT NULL,
    PRIMARY KEY (DocumentId, SessionId)
) WITHOUT ROWID;

COMMIT;
