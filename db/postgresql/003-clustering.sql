-- CoPLive / Orleans 10.4.2 ADO.NET clustering (membership table, PostgreSQL).
--
-- Contract (Orleans.Clustering.AdoNet 10.4.2, RelationalOrleansQueries):
--   Required keys: GatewaysQueryKey, MembershipReadRowKey, MembershipReadAllKey,
--     InsertMembershipVersionKey, UpdateIAmAlivetimeKey, InsertMembershipKey,
--     UpdateMembershipKey, DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey.
--   Optional key: CleanupDefunctSiloEntryKey (if present, Orleans decides in .NET which Dead
--     rows are defunct and deletes them one by one, matching the values it read).
--   Parameter names: @DeploymentId (= ClusterId), @Address (text), @Port, @Generation,
--     @SiloName, @HostName, @Status (int SiloStatus: 3 Active, 6 Dead), @ProxyPort,
--     @StartTime, @IAmAliveTime (UTC DateTime), @SuspectTimes (text or NULL), @Version (int).
--   Read rows: columns Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
--     SuspectTimes, StartTime, IAmAliveTime, Version. The version row must always come
--     back (LEFT JOIN) - a NULL StartTime means "no member row".
--   Insert/Update/InsertVersion return ONE row with ONE column: >0 success, 0 failure.
--
-- Idempotent; one transaction under the shared advisory lock. Requires 001-main.sql.
-- CREATE OR REPLACE cannot change a function's argument list: if one ever changes,
-- add a DROP FUNCTION IF EXISTS for the old signature above it.

BEGIN;
SELECT pg_advisory_xact_lock(hashtext('coplive.orleans.schema'));

-- One row per cluster; Version is the membership table ETag.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Adds a member row and bumps the table version, both or neither.
-- Returns 1 on success, 0 when the version did not match or the row already exists.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_silo_name varchar, p_host_name varchar, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    affected integer;
BEGIN
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = p_deployment_id AND Version = p_version;
    GET DIAGNOSTICS affected = ROW_COUNT;
    IF affected = 0 THEN
        RETURN 0;
    END IF;

    BEGIN
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName,
             Status, ProxyPort, StartTime, IAmAliveTime)
        VALUES
            (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
             p_status, p_proxy_port, p_start_time, p_i_am_alive_time);
    EXCEPTION WHEN unique_violation THEN
        -- Undo the version bump made above (the whole function call is one statement,
        -- so raising here rolls back everything it did).
        RAISE EXCEPTION USING ERRCODE = 'OR001', MESSAGE = 'membership row exists';
    END;
    RETURN 1;
EXCEPTION WHEN SQLSTATE 'OR001' THEN
    RETURN 0;
END;
$fn$;

-- Updates a member row and bumps the table version, both or neither.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    affected integer;
BEGIN
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = p_deployment_id AND Version = p_version;
    GET DIAGNOSTICS affected = ROW_COUNT;
    IF affected = 0 THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipTable
    SET Status = p_status,
        SuspectTimes = p_suspect_times,
        IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive_time)
    WHERE DeploymentId = p_deployment_id
      AND Address = p_address AND Port = p_port AND Generation = p_generation;
    GET DIAGNOSTICS affected = ROW_COUNT;
    IF affected = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'OR001', MESSAGE = 'membership row missing';
    END IF;
    RETURN 1;
EXCEPTION WHEN SQLSTATE 'OR001' THEN
    -- Entering this handler rolls back the version bump above.
    RETURN 0;
END;
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer AS Result FROM created;
$q$),
('InsertMembershipKey', $q$
    SELECT orleans_membership_insert(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS Result;
$q$),
('UpdateMembershipKey', $q$
    SELECT orleans_membership_update(
        @DeploymentId, @Address, @Port, @Generation,
        @Status, @SuspectTimes, @IAmAliveTime, @Version) AS Result;
$q$),
('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address AND Port = @Port AND Generation = @Generation;
$q$),
('MembershipReadRowKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
           m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m
           ON m.DeploymentId = v.DeploymentId
          AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
$q$),
('MembershipReadAllKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName,
           m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
$q$),
('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),
-- Fallback used only when CleanupDefunctSiloEntryKey is absent: set-based prune of Dead
-- rows with no activity (start, heartbeat) after the cutoff and no suspicion votes.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = 6
      AND IAmAliveTime < @IAmAliveTime
      AND StartTime < @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = '';
$q$),
-- Deletes one Dead row only if it still holds exactly the values Orleans read.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = 6
      AND Address = @Address AND Port = @Port AND Generation = @Generation
      AND StartTime = @StartTime
      AND IAmAliveTime = @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;
