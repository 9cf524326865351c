-- 0002_app_schema: the application's own tables.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.

-- Who did what to which subject (a ticket, a call, an OPD, ...), in the order it happened.
CREATE TABLE IF NOT EXISTS app_audit
(
    id      bigserial   NOT NULL,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text        NOT NULL,
    action  text        NOT NULL,
    subject text        NOT NULL,
    details jsonb       NULL,

    CONSTRAINT pk_app_audit PRIMARY KEY (id)
);

-- A subject's history, oldest first.
CREATE INDEX IF NOT EXISTS ix_app_audit_subject_at ON app_audit (subject, at);
