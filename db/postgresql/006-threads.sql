-- CoPLive thread search (PostgreSQL full-text search).
--
-- One row per indexed thread post: the thread's title (on the opening post only, weight A) and the
-- post's Markdown (weight B), as an 'english' tsvector kept by the database (a generated column) and
-- searched through a GIN index. The index is derived data, fed by the thread grains and rebuilt from
-- them (POST /api/communities/{id}/threads/reindex). One database serves one CoPLive service.
--
-- Idempotent; one transaction under the shared advisory lock. Requires 001-main.sql.

BEGIN;
SELECT pg_advisory_xact_lock(hashtext('coplive.orleans.schema'));

CREATE TABLE IF NOT EXISTS coplive_thread_search
(
    thread_id    text NOT NULL,
    post_id      text NOT NULL,
    community_id text NOT NULL,
    title        text NOT NULL,
    body         text NOT NULL,
    document     tsvector GENERATED ALWAYS AS
                 (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED,
    PRIMARY KEY (thread_id, post_id)
);

CREATE INDEX IF NOT EXISTS ix_coplive_thread_search_document ON coplive_thread_search USING gin (document);
CREATE INDEX IF NOT EXISTS ix_coplive_thread_search_community ON coplive_thread_search (community_id);

COMMIT;
