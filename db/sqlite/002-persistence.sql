-- CoPLive / Orleans 10.4.2 ADO.NET grain storage (SQLite, invariant "System.Data.SQLite",
-- which Orleans 10.4.2 resolves to Microsoft.Data.Sqlite.SqliteFactory).
--
-- Contract (AdoNetGrainStorage 10.4.2):
--   parameters: @GrainIdHash int, @GrainIdN0 long, @GrainIdN1 long, @GrainTypeHash int,
--     @GrainTypeString, @GrainIdExtensionString (nullable), @ServiceId; plus
--     @GrainStateVersion int (nullable) on write/clear/delete and @PayloadBinary blob on write.
--   ReadFromStorageKey -> columns PayloadBinary, Version (0 or 1 row).
--   WriteToStorageKey  -> column NewGrainStateVersion, one row on success, none on conflict.
--   ClearStorageKey    -> first column = new version, none on conflict.
--   DeleteStorageKey   -> optional (DeleteStateOnClear = true); non-null value that differs
--                         from the old version, none on conflict.
-- All integers are stored as SQLite INTEGER (64-bit); the hashes are signed 32-bit values
-- and are compared as such. Versions come back as Int64 and Orleans converts them to int.
--
-- The provider runs each query as one command with no transaction, so every query text
-- below is a single statement, or statements of which at most one can change anything
-- (WriteToStorageKey: the UPDATE needs a non-NULL @GrainStateVersion, the INSERT a NULL one).
-- Needs SQLite >= 3.35 (RETURNING); the e_sqlite3 bundled with Microsoft.Data.Sqlite 10 has it.
--
-- Idempotent. Send the whole file as ONE command. Requires 001-main.sql.

BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL,
    Version                INTEGER NULL
);

-- One row per grain identity; the hashes lead so look-ups stay narrow, the clear-text
-- columns settle hash collisions. NULL and '' extensions share a slot here; Orleans never
-- produces both for one grain.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString,
                       GrainIdN0, GrainIdN1, ifnull(GrainIdExtensionString, ''));

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS @GrainIdExtensionString
    LIMIT 1;
'),
('WriteToStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
        ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary,
           strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version AS NewGrainStateVersion;
'),
('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now''),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
'),
('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

COMMIT;
