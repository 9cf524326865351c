-- 0009_history_and_reports: calls without a number, step-time columns for reports, and the history import.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.

-- Calls without a number (SPEC.md §7): the network did not deliver it, or the caller withheld it.
ALTER TABLE calls ALTER COLUMN caller_number DROP NOT NULL;
ALTER TABLE calls ADD COLUMN IF NOT EXISTS caller_id text NOT NULL DEFAULT 'present';
-- The import that wrote the call; null for calls recorded live.
ALTER TABLE calls ADD COLUMN IF NOT EXISTS import_id uuid NULL;
ALTER TABLE calls DROP CONSTRAINT IF EXISTS ck_calls_caller_id;
ALTER TABLE calls ADD CONSTRAINT ck_calls_caller_id CHECK (
    (caller_id = 'present' AND caller_number IS NOT NULL)
    OR (caller_id IN ('withheld', 'unavailable') AND caller_number IS NULL));

-- Reports read these columns, never the ticket's JSON. The ticket store writes them with the state; rows written before
-- this script are filled from their state here.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS escalated_at timestamptz NULL;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS first_escalated_at timestamptz NULL;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS acknowledged_at timestamptz NULL;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS on_scene_at timestamptz NULL;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS resolved_at timestamptz NULL;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS closed_at timestamptz NULL;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS cancelled_at timestamptz NULL;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS breach_count integer NOT NULL DEFAULT 0;
-- The import that wrote the ticket; null for tickets opened live.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS import_id uuid NULL;

UPDATE tickets
SET escalated_at = (state ->> 'escalated_at')::timestamptz,
    first_escalated_at = (jsonb_path_query_first(state, '$.timeline[*] ? (@.kind == "escalated").at') #>> '{}')::timestamptz,
    acknowledged_at = (state ->> 'acknowledged_at')::timestamptz,
    on_scene_at = (state ->> 'on_scene_at')::timestamptz,
    resolved_at = (state ->> 'resolved_at')::timestamptz,
    closed_at = (state ->> 'closed_at')::timestamptz,
    cancelled_at = (state ->> 'cancelled_at')::timestamptz,
    breach_count = COALESCE(jsonb_array_length(state -> 'breaches'), 0)
WHERE import_id IS NULL;

-- Hour-of-day and weekday counts scan the period's calls by received time (ix_calls_received_at covers the rest).
CREATE INDEX IF NOT EXISTS ix_calls_received_at_caller_id ON calls (received_at) INCLUDE (caller_id);

-- History imports (API.md "History import"). One row per import: its progress and its refused rows. The import grain of
-- the same id is the only writer; the rows it imports and the progress that counts them commit together, so after a
-- crash the import goes on from `next_row` with nothing lost or counted twice.
CREATE TABLE IF NOT EXISTS imports
(
    id              uuid        NOT NULL,
    status          text        NOT NULL,
    file_sha256     text        NOT NULL,
    rows            integer     NOT NULL,
    next_row        integer     NOT NULL,
    imported        integer     NOT NULL,
    already_present integer     NOT NULL,
    refused         integer     NOT NULL,
    errors          jsonb       NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NULL,
    created_by      text        NOT NULL,
    -- Hash of the creating request: a repeat with the same Idempotency-Key and file answers this import.
    fingerprint     text        NOT NULL,
    failure         text        NULL,

    CONSTRAINT pk_imports PRIMARY KEY (id),
    CONSTRAINT ck_imports_status CHECK (status IN ('running', 'done', 'failed'))
);

CREATE INDEX IF NOT EXISTS ix_imports_started_at ON imports (started_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_imports_running ON imports (id) WHERE status = 'running';

-- The file of each import, kept durably until the import is done (then emptied: the rows are in calls and tickets).
CREATE TABLE IF NOT EXISTS import_files
(
    import_id uuid  NOT NULL,
    content   bytea NOT NULL,

    CONSTRAINT pk_import_files PRIMARY KEY (import_id),
    CONSTRAINT fk_import_files_import FOREIGN KEY (import_id) REFERENCES imports (id)
);
