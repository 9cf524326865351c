-- 0005_webhooks: outgoing webhook subscriptions and the log of every delivery attempt.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.

-- One row per subscription. The webhook grain of the same id is the only writer after creation. The secret is kept to
-- sign deliveries and is never answered by the API. The two cursors are the last ticket_events.id and alerts.id the
-- webhook is done with (delivered, or given up on); events become visible in id order (0004), so "id > cursor" has no gaps.
CREATE TABLE IF NOT EXISTS webhooks
(
    id                   uuid        NOT NULL,
    url                  text        NOT NULL,
    events               text[]      NOT NULL,
    opd                  text        NULL,
    secret               text        NOT NULL,
    -- Hash of the creating request: a repeat with the same Idempotency-Key and body answers this webhook.
    create_fingerprint   text        NOT NULL,
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL,
    deleted_at           timestamptz NULL,
    last_ticket_event_id bigint      NOT NULL,
    last_alert_id        bigint      NOT NULL,

    CONSTRAINT pk_webhooks PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS ix_webhooks_live ON webhooks (created_at DESC, id DESC) WHERE deleted_at IS NULL;

-- One row per attempt to deliver one event to one webhook. next_attempt_at is set while a retry is planned.
CREATE TABLE IF NOT EXISTS webhook_deliveries
(
    id              bigserial   NOT NULL,
    webhook_id      uuid        NOT NULL,
    event_type      text        NOT NULL,
    event_id        text        NOT NULL,
    attempt         integer     NOT NULL,
    status_code     integer     NULL,
    error           text        NULL,
    duration_ms     integer     NOT NULL,
    at              timestamptz NOT NULL,
    next_attempt_at timestamptz NULL,
    delivered       boolean     NOT NULL,

    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
    CONSTRAINT fk_webhook_deliveries_webhook FOREIGN KEY (webhook_id) REFERENCES webhooks (id),
    CONSTRAINT ck_webhook_deliveries_event_type CHECK (event_type IN ('ticket.changed', 'alert.raised'))
);

CREATE INDEX IF NOT EXISTS ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id DESC);
CREATE INDEX IF NOT EXISTS ix_webhook_deliveries_event ON webhook_deliveries (webhook_id, event_id);
-- The webhook grains poll for events after their cursors, filtered by OPD.
CREATE INDEX IF NOT EXISTS ix_ticket_events_opd ON ticket_events (opd, id);
CREATE INDEX IF NOT EXISTS ix_alerts_opd ON alerts (opd, id);
