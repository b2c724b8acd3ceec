-- CoPLive / Orleans 10.4.2 ADO.NET: shared query registry (PostgreSQL).
--
-- Every Orleans ADO.NET provider starts by running
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and then executes the QueryText stored under each key it needs, binding
-- named parameters (@Name). This file creates that registry table.
--
-- Idempotent: safe to run on every start-up. The whole file is one
-- transaction guarded by a transaction-scoped advisory lock, so several
-- processes applying the schema at the same time serialise instead of
-- racing on CREATE TABLE / catalog rows. All files use the same lock key.
-- Send the file as ONE command (it contains dollar-quoted bodies).

BEGIN;
SELECT pg_advisory_xact_lock(hashtext('coplive.orleans.schema'));

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

COMMIT;
