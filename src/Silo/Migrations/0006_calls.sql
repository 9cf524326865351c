-- 0006_calls: the read model of calls, for reports (GET /reports/summary).
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.
--
-- A call's state (the source of truth) is in Orleans grain storage; the call grain upserts this row, keyed by the call
-- id, before it writes that state (see CallGrain): a retried command rewrites the same row, so the two converge.
-- Calls recorded before this script have no row here (their state is in grain storage only).

CREATE TABLE IF NOT EXISTS calls
(
    id             uuid        NOT NULL,
    caller_number  text        NOT NULL,
    received_at    timestamptz NOT NULL,
    channel        text        NOT NULL,
    classification text        NULL,
    classified_at  timestamptz NULL,
    ticket_id      uuid        NULL,
    -- True when the classification opened ticket_id (rather than linking the call to an open ticket).
    opened_ticket  boolean     NOT NULL DEFAULT false,
    call_taker     text        NOT NULL,

    CONSTRAINT pk_calls PRIMARY KEY (id),
    CONSTRAINT ck_calls_channel CHECK (channel IN ('voice', 'sms', 'app')),
    CONSTRAINT ck_calls_classification CHECK (classification IN
        ('emergency', 'non_emergency', 'prank', 'silent', 'wrong_number', 'abandoned'))
);

-- The report's range scan: counts per classification read the index alone (covering).
CREATE INDEX IF NOT EXISTS ix_calls_received_at ON calls (received_at) INCLUDE (classification);
-- One classification over the period (emergencies; prank calls grouped by number for top prank callers), index only.
CREATE INDEX IF NOT EXISTS ix_calls_classification ON calls (classification, received_at) INCLUDE (caller_number);
-- Emergencies by category join the calls that reached a ticket.
CREATE INDEX IF NOT EXISTS ix_calls_ticket ON calls (ticket_id) WHERE ticket_id IS NOT NULL;
