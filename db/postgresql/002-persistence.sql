-- CoPLive / Orleans 10.4.2 ADO.NET grain storage (PostgreSQL).
--
-- Contract (Orleans.Persistence.AdoNet 10.4.2, AdoNetGrainStorage):
--   parameters on every query: @GrainIdHash int, @GrainIdN0 bigint, @GrainIdN1 bigint,
--     @GrainTypeHash int, @GrainTypeString text, @GrainIdExtensionString text (nullable),
--     @ServiceId text; plus @GrainStateVersion int (nullable) on write/clear/delete and
--     @PayloadBinary bytea on write.
--   ReadFromStorageKey  -> columns PayloadBinary, Version (0 or 1 row).
--   WriteToStorageKey   -> column NewGrainStateVersion; exactly one row on success,
--                          no row on an ETag (version) conflict.
--   ClearStorageKey     -> first column = new version; no row on conflict.
--   DeleteStorageKey    -> optional (only for DeleteStateOnClear = true); first column
--                          must be non-null and differ from the old version; no row on conflict.
-- Version is the ETag: NULL/absent row = never written; 1 on first write; +1 per write/clear.
--
-- Idempotent; one transaction under the shared advisory lock. Requires 001-main.sql.

BEGIN;
SELECT pg_advisory_xact_lock(hashtext('coplive.orleans.schema'));

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdExtensionString text        NULL,
    ServiceId              text        NOT NULL,
    PayloadBinary          bytea       NULL,
    ModifiedOn             timestamptz NOT NULL DEFAULT now(),
    Version                integer     NULL
);

-- One row per grain identity. The hashes lead so that look-ups are narrow; the clear-text
-- columns settle hash collisions. NULL and '' extensions share a slot in this index
-- (PostgreSQL < 15 has no NULLS NOT DISTINCT); Orleans never produces both for one grain.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString,
                       GrainIdN0, GrainIdN1, (COALESCE(GrainIdExtensionString, '')));

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
    LIMIT 1;
$q$),
-- Optimistic write in one statement: the UPDATE arm only matches the expected version
-- (never when @GrainStateVersion is NULL), the INSERT arm only runs for a first write and
-- yields nothing if a row already exists (unique index). Zero rows back = conflict.
('WriteToStorageKey', $q$
    WITH updated AS (
        UPDATE OrleansStorage
        SET PayloadBinary = @PayloadBinary,
            ModifiedOn = now(),
            Version = Version + 1
        WHERE GrainIdHash = @GrainIdHash
          AND GrainTypeHash = @GrainTypeHash
          AND ServiceId = @ServiceId
          AND GrainTypeString = @GrainTypeString
          AND GrainIdN0 = @GrainIdN0
          AND GrainIdN1 = @GrainIdN1
          AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
          AND Version = @GrainStateVersion
        RETURNING Version
    ),
    inserted AS (
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
             GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
               @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version
    )
    SELECT Version AS NewGrainStateVersion FROM updated
    UNION ALL
    SELECT Version FROM inserted;
$q$),
('ClearStorageKey', $q$
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = now(),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$),
('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;
