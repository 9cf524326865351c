-- 0003_tickets: tickets, their change events and ticket-number blocks.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.

-- Ticket numbers BKL-YYYY-NNNNNN: each silo takes a block of numbers for a year at a time, so creating a ticket
-- does not contend on one counter. Numbers are unique, and increase within a year on each silo.
CREATE TABLE IF NOT EXISTS ticket_number_blocks
(
    year       integer NOT NULL,
    next_value bigint  NOT NULL,

    CONSTRAINT pk_ticket_number_blocks PRIMARY KEY (year)
);

-- One row per ticket: the ticket grain's state (jsonb, the source of truth) and, written in the same transaction,
-- the columns the list queries filter and sort on (the read model).
CREATE TABLE IF NOT EXISTS tickets
(
    id                uuid        NOT NULL,
    number            text        NOT NULL,
    version           integer     NOT NULL,
    state             jsonb       NOT NULL,
    status            text        NOT NULL,
    category          text        NOT NULL,
    priority          text        NOT NULL,
    opd               text        NULL,
    supporting_opds   text[]      NOT NULL,
    description       text        NOT NULL,
    address           text        NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    next_deadline     timestamptz NULL,
    -- The last version pushed to the OPD streams; behind `version` only after a crash between commit and push.
    published_version integer     NOT NULL DEFAULT 0,

    CONSTRAINT pk_tickets PRIMARY KEY (id),
    CONSTRAINT uq_tickets_number UNIQUE (number)
);

CREATE INDEX IF NOT EXISTS ix_tickets_created_at ON tickets (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_tickets_status ON tickets (status, created_at DESC);
CREATE INDEX IF NOT EXISTS ix_tickets_opd ON tickets (opd, created_at DESC);
CREATE INDEX IF NOT EXISTS ix_tickets_supporting_opds ON tickets USING gin (supporting_opds);
CREATE INDEX IF NOT EXISTS ix_tickets_unpublished ON tickets (id) WHERE published_version < version;

-- Every committed change of a ticket, in commit order: the monotonic id lets feeds resume without gaps.
CREATE TABLE IF NOT EXISTS ticket_events
(
    id              bigserial   NOT NULL,
    ticket_id       uuid        NOT NULL,
    version         integer     NOT NULL,
    number          text        NOT NULL,
    kind            text        NOT NULL,
    status          text        NOT NULL,
    opd             text        NULL,
    supporting_opds text[]      NOT NULL,
    at              timestamptz NOT NULL,

    CONSTRAINT pk_ticket_events PRIMARY KEY (id),
    CONSTRAINT uq_ticket_events_version UNIQUE (ticket_id, version)
);
