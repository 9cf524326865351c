-- 0001_orleans_core: the schema and named queries the Orleans 10.4 ADO.NET providers use on PostgreSQL 15+
-- (clustering / membership, grain persistence, reminders).
--
-- DatabaseMigrator applies this script in one transaction. It is idempotent: running it again changes
-- nothing. To apply it by hand: psql -v ON_ERROR_STOP=1 -1 -f 0001_orleans_core.sql
-- Keep it plain SQL: no psql meta-commands and no BEGIN/COMMIT (the migrator owns the transaction).
--
-- The contract with the providers:
--  * At start-up each provider loads its queries with `SELECT QueryKey, QueryText FROM OrleansQuery` and fails
--    if a required key is missing. Query texts reference parameters as @Name; the names, and the names of the
--    result columns (matched case-insensitively), are fixed by the providers.
--  * Every DateTime a provider passes is UTC and is bound as DbType.DateTime, which Npgsql 6+ sends as
--    timestamptz; so every time column is timestamptz.
--  * "Boolean" results are one row with one integer column: > 0 means the write happened.
--  * Etags are integer versions; a write succeeds only against the version the caller read.
--
-- Unquoted identifiers fold to lower case, as the providers' own statements expect.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

-- ============================================================================================================
-- Clustering (Microsoft.Orleans.Clustering.AdoNet): silos and the API's gateway list provider.
-- ============================================================================================================

-- One row per cluster (DeploymentId = ClusterId). Version is the membership table's etag: every membership write
-- bumps it, and only succeeds if the caller presents the version it read.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
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

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Inserts a silo row and bumps the table version, both or neither. Returns 1 on success, 0 if the version did
-- not match (another silo wrote first) or the row already exists.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = now()
        WHERE DeploymentId = p_deployment_id
          AND Version = p_version
          AND Version < 2147483647;
        GET DIAGNOSTICS v_rows = ROW_COUNT;

        IF v_rows > 0 THEN
            INSERT INTO OrleansMembershipTable
                (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES
                (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
                 p_start_time, p_i_am_alive_time)
            ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
            GET DIAGNOSTICS v_rows = ROW_COUNT;

            IF v_rows = 0 THEN
                -- Undo the version bump: leaving this block through an exception rolls back its work.
                RAISE EXCEPTION 'membership row already exists' USING ERRCODE = 'OR409';
            END IF;
        END IF;
    EXCEPTION
        WHEN SQLSTATE 'OR409' THEN
            v_rows := 0;
    END;

    RETURN QUERY SELECT v_rows;
END
$fn$;

-- Updates a silo row (status, suspicions, liveness) and bumps the table version, both or neither.
-- Returns 1 on success, 0 if the version did not match or the row does not exist.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_rows integer := 0;
BEGIN
    BEGIN
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = now()
        WHERE DeploymentId = p_deployment_id
          AND Version = p_version
          AND Version < 2147483647;
        GET DIAGNOSTICS v_rows = ROW_COUNT;

        IF v_rows > 0 THEN
            UPDATE OrleansMembershipTable
            SET Status = p_status,
                SuspectTimes = p_suspect_times,
                -- A heartbeat may have landed since the caller read the row: never move liveness backwards.
                IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive_time)
            WHERE DeploymentId = p_deployment_id
              AND Address = p_address
              AND Port = p_port
              AND Generation = p_generation;
            GET DIAGNOSTICS v_rows = ROW_COUNT;

            IF v_rows = 0 THEN
                RAISE EXCEPTION 'membership row does not exist' USING ERRCODE = 'OR409';
            END IF;
        END IF;
    EXCEPTION
        WHEN SQLSTATE 'OR409' THEN
            v_rows := 0;
    END;

    RETURN QUERY SELECT v_rows;
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Creates the cluster's version row if missing; 1 if it was created, 0 if it already existed.
('InsertMembershipVersionKey', $q$
    WITH inserted AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        SELECT @DeploymentId
        WHERE @DeploymentId IS NOT NULL
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer AS row_count FROM inserted;
$q$),

('InsertMembershipKey', $q$
    SELECT row_count FROM orleans_membership_insert(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
        @StartTime, @IAmAliveTime, @Version);
$q$),

('UpdateMembershipKey', $q$
    SELECT row_count FROM orleans_membership_update(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);
$q$),

-- The silo's heartbeat: touches only its own row and never the table version.
('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address
      AND Port = @Port
      AND Generation = @Generation;
$q$),

-- The version row, with the silo's row if it exists (LEFT JOIN: no StartTime means no member).
('MembershipReadRowKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m
           ON m.DeploymentId = v.DeploymentId
          AND m.Address = @Address
          AND m.Port = @Port
          AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
$q$),

('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),

-- Gateways for clients: active silos (@Status = 3) that accept client connections.
('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = @Status
      AND ProxyPort > 0;
$q$),

-- Required key; 10.4 uses it only when CleanupDefunctSiloEntryKey is absent. Prunes Dead (6) rows that are
-- older than the cut-off (@IAmAliveTime) on every count and carry no suspicion votes.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = 6
      AND IAmAliveTime < @IAmAliveTime
      AND StartTime < @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = '';
$q$),

-- Optional key, preferred by 10.4: the provider reads all rows, picks the Dead ones that are old enough and
-- deletes each only if it is unchanged since it was read (same times and suspicion votes).
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address
      AND Port = @Port
      AND Generation = @Generation
      AND Status = 6
      AND StartTime = @StartTime
      AND IAmAliveTime = @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;

-- ============================================================================================================
-- Grain persistence (Microsoft.Orleans.Persistence.AdoNet). The provider sends the serialized state as
-- @PayloadBinary (this project's serializer writes UTF-8 JSON: convert_from(PayloadBinary, 'UTF8')::jsonb reads it).
-- A grain is identified by (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString); the two
-- hashes narrow the index lookup. Version is the etag; a cleared state keeps its row with a NULL payload.
-- ============================================================================================================

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL
);

-- One row per grain (NULL extensions compare equal), so concurrent first writes cannot both insert.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString, GrainIdExtensionString)
    NULLS NOT DISTINCT;

-- Writes a grain's state. With a version: updates the row if it still has that version. Without one (the state
-- was never stored): inserts version 1 unless a row exists. Returns the new version; on a conflict it returns
-- the caller's version unchanged (or NULL), which the provider reports as an InconsistentStateException.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash            integer,
    p_grain_id_n0              bigint,
    p_grain_id_n1              bigint,
    p_grain_type_hash          integer,
    p_grain_type_string        text,
    p_grain_id_extension_string text,
    p_service_id               text,
    p_grain_state_version      integer,
    p_payload_binary           bytea)
RETURNS TABLE (NewGrainStateVersion integer)
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new_version integer;
BEGIN
    IF p_grain_state_version IS NOT NULL THEN
        UPDATE OrleansStorage s
        SET PayloadBinary = p_payload_binary,
            ModifiedOn = now(),
            Version = s.Version + 1
        WHERE s.GrainIdHash = p_grain_id_hash
          AND s.GrainTypeHash = p_grain_type_hash
          AND s.GrainIdN0 = p_grain_id_n0
          AND s.GrainIdN1 = p_grain_id_n1
          AND s.ServiceId = p_service_id
          AND s.GrainTypeString = p_grain_type_string
          AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_extension_string
          AND s.Version = p_grain_state_version
        RETURNING s.Version INTO v_new_version;
    ELSE
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type_string,
             p_grain_id_extension_string, p_service_id, p_payload_binary, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING 1 INTO v_new_version;
    END IF;

    RETURN QUERY SELECT COALESCE(v_new_version, p_grain_state_version);
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

('WriteToStorageKey', $q$
    SELECT NewGrainStateVersion FROM orleans_storage_write(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
        @ServiceId, @GrainStateVersion, @PayloadBinary);
$q$),

-- ClearStateAsync (the default, DeleteStateOnClear = false): drop the payload, keep the row and bump its version.
('ClearStorageKey', $q$
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = now(),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$),

-- Optional key, used only with DeleteStateOnClear = true: removes the row. The provider needs a value that differs
-- from the caller's version to know the delete happened.
('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;

-- ============================================================================================================
-- Reminders (Microsoft.Orleans.Reminders.AdoNet 10.4). This provider reads and writes exactly these columns:
-- GrainId (the GrainId's string form), ReminderName, StartTime (UTC), Period (milliseconds; the provider binds an
-- int or, above int range, a bigint), GrainHash (the grain's uniform hash as a signed int), Version (etag).
-- The cron/priority columns of the separate "advanced reminders" provider are not used by this package.
-- ============================================================================================================

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150) NOT NULL,
    GrainId      varchar(150) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime    timestamptz  NOT NULL,
    Period       bigint       NOT NULL,
    GrainHash    integer      NOT NULL,
    Version      integer      NOT NULL,

    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Each silo reads the reminders of its hash range.
CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Insert (version 0) or replace (version + 1); returns the new version.
('UpsertReminderRowKey', $q$
    INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
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
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId;
$q$),

('ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName;
$q$),

-- The range (@BeginHash, @EndHash] when it does not wrap in signed order (begin < end) ...
('ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainHash > @BeginHash
      AND GrainHash <= @EndHash;
$q$),

-- ... and when it wraps around.
('ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),

-- 1 if the reminder was deleted at the given version, else 0.
('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId
          AND GrainId = @GrainId
          AND ReminderName = @ReminderName
          AND Version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer AS row_count FROM deleted;
$q$),

('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
