-- 0004_alerts_and_feeds: supervisor alerts, and the ordering guarantee of the event tables feeds read.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.
--
-- Feeds (SSE, webhooks) read ticket_events and alerts by id: "everything after the last id I saw". That is only gap-free
-- if ids become visible in id order, so writers take a transaction-scoped advisory lock just before inserting the row
-- and hold it until commit (see FeedLocks in the code). The lock is held for the insert and the commit only.

-- One row per alert. dedupe_key makes raising idempotent: whichever of timer, reminder or retry gets there first
-- inserts it, every later attempt finds it (ON CONFLICT DO NOTHING).
CREATE TABLE IF NOT EXISTS alerts
(
    id              bigserial   NOT NULL,
    dedupe_key      text        NOT NULL,
    kind            text        NOT NULL,
    ticket_id       uuid        NOT NULL,
    ticket_number   text        NOT NULL,
    opd             text        NULL,
    deadline        text        NOT NULL,
    due_at          timestamptz NOT NULL,
    raised_at       timestamptz NOT NULL,
    acknowledged_by text        NULL,
    acknowledged_at timestamptz NULL,

    CONSTRAINT pk_alerts PRIMARY KEY (id),
    CONSTRAINT uq_alerts_dedupe_key UNIQUE (dedupe_key),
    CONSTRAINT ck_alerts_kind CHECK (kind IN ('sla.breached', 'escalation.overdue')),
    CONSTRAINT ck_alerts_deadline CHECK (deadline IN ('acknowledge', 'on_scene', 'resolve'))
);

CREATE INDEX IF NOT EXISTS ix_alerts_open ON alerts (id) WHERE acknowledged_at IS NULL;
CREATE INDEX IF NOT EXISTS ix_alerts_ticket ON alerts (ticket_id);
