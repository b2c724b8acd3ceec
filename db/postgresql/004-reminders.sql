-- CoPLive / Orleans 10.4.2 ADO.NET reminders (PostgreSQL).
--
-- Contract (Orleans.Reminders.AdoNet 10.4.2, RelationalOrleansQueries):
--   Keys: ReadReminderRowsKey, ReadRangeRows1Key, ReadRangeRows2Key, ReadReminderRowKey,
--     UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey (all required).
--   Parameters: @ServiceId text, @GrainId text (GrainId.ToString()), @ReminderName text,
--     @StartTime (UTC DateTime), @Period (milliseconds; int, or bigint when > int.MaxValue),
--     @GrainHash / @BeginHash / @EndHash (uint hash cast to SIGNED int), @Version (int).
--   Read rows: columns GrainId, ReminderName, StartTime, Period (read with GetInt64, so
--     bigint), Version. Upsert returns the new Version; DeleteReminderRowKey returns one
--     row with one column (>0 deleted, 0 ETag mismatch).
--   Range: Orleans uses ReadRangeRows1Key when (int)begin < (int)end, i.e. a
--     non-wrapping range in signed order (begin, end]; otherwise ReadRangeRows2Key (wraps).
--
-- Idempotent; one transaction under the shared advisory lock. Requires 001-main.sql.

BEGIN;
SELECT pg_advisory_xact_lock(hashtext('coplive.orleans.schema'));

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150) NOT NULL,
    GrainId      text         NOT NULL,
    ReminderName text         NOT NULL,
    StartTime    timestamptz  NOT NULL,
    Period       bigint       NOT NULL,
    GrainHash    integer      NOT NULL,
    Version      integer      NOT NULL,
    CONSTRAINT PK_OrleansRemindersTable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
        SET StartTime = EXCLUDED.StartTime,
            Period = EXCLUDED.Period,
            GrainHash = EXCLUDED.GrainHash,
            Version = r.Version + 1
    RETURNING r.Version AS Version;
$q$),
('ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
$q$),
('ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
$q$),
('ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
$q$),
('ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),
('DeleteReminderRowKey', $q$
    WITH removed AS (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId AND GrainId = @GrainId
          AND ReminderName = @ReminderName AND Version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer AS Result FROM removed;
$q$),
('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;
