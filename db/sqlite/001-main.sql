-- CoPLive / Orleans 10.4.2 ADO.NET: shared query registry (SQLite, Microsoft.Data.Sqlite).
--
-- Orleans reads  SELECT QueryKey, QueryText FROM OrleansQuery  and executes the stored text
-- for each key it needs, binding named parameters (@Name).
--
-- Idempotent: safe to run on every start-up. Send the whole file as ONE command
-- (Microsoft.Data.Sqlite runs multi-statement command text in order).
-- journal_mode=WAL is persistent in the database file and must be set outside a
-- transaction, so it comes first. BEGIN IMMEDIATE takes the write lock up-front so two
-- processes applying the schema at once serialise (the loser waits on SQLITE_BUSY,
-- retried by Microsoft.Data.Sqlite for up to the command timeout).

PRAGMA journal_mode = WAL;

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

COMMIT;
