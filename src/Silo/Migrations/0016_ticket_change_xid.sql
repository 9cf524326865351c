-- 0016_ticket_change_xid: which transaction last changed each ticket, so an OPD re-reads only what changed.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.

-- Set by a trigger on every insert and every change of the ticket's version, whoever writes (a ticket grain, an
-- import, another silo), so no writer can forget it. Only the version's writers fire it: marking a version published
-- is no change to what an OPD lists. A reader remembers the oldest transaction still running when it last read
-- (pg_snapshot_xmin of its snapshot) and next reads the rows changed by that transaction or later ones: a transaction
-- id is taken before its commit, so rows committed after a read always carry an id at least that old.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS change_xid xid8 NULL;

-- Existing rows: "changed before any reader's first read" (a reader reads its whole list once when it starts).
UPDATE tickets SET change_xid = '0'::xid8 WHERE change_xid IS NULL;
ALTER TABLE tickets ALTER COLUMN change_xid SET DEFAULT '0'::xid8;
ALTER TABLE tickets ALTER COLUMN change_xid SET NOT NULL;

CREATE OR REPLACE FUNCTION tickets_stamp_change_xid() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS tr_tickets_change_xid ON tickets;
CREATE TRIGGER tr_tickets_change_xid BEFORE INSERT OR UPDATE OF version ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_stamp_change_xid();

CREATE INDEX IF NOT EXISTS ix_tickets_change_xid ON tickets (change_xid);
