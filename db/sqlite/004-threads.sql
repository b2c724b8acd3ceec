-- CoPLive thread search (SQLite FTS5, in the same file as grain storage).
--
-- ThreadSearchPost names each indexed post (one row per thread post, its Id is the FTS rowid);
-- ThreadSearchText holds the searchable text: the thread's title (on the opening post only) and the
-- post's Markdown, tokenized with unicode61 and Porter stemming ("stops" finds "stop").
-- The index is derived data, fed by the thread grains and rebuilt from them
-- (POST /api/communities/{id}/threads/reindex). One database file serves one CoPLive service.
--
-- Idempotent. Send the whole file as ONE command. Requires 001-main.sql.

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS ThreadSearchPost
(
    Id          INTEGER PRIMARY KEY,
    CommunityId TEXT NOT NULL,
    ThreadId    TEXT NOT NULL,
    PostId      TEXT NOT NULL,
    UNIQUE (ThreadId, PostId)
);

CREATE INDEX IF NOT EXISTS IX_ThreadSearchPost_Community ON ThreadSearchPost (CommunityId);

CREATE VIRTUAL TABLE IF NOT EXISTS ThreadSearchText USING fts5(Title, Body, tokenize = 'porter unicode61');

COMMIT;
