-- 0018_history_bounded_reads: two reads whose cost grew with all the history stored, whatever they asked for, now read
-- only the rows they are about.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.

-- A silo wakes the tickets with a pending deadline when it starts (TicketStore.WithPendingDeadlinesAsync): only tickets
-- in an OPD's hands have one. This index holds those alone; the statement read every ticket ever stored.
CREATE INDEX IF NOT EXISTS ix_tickets_pending_deadline ON tickets (id) WHERE next_deadline IS NOT NULL;

-- A report's emergencies (by category, and their processing times) are the period's calls classified `emergency`, with
-- the ticket each reached. They were found by intersecting the period's emergencies with ix_calls_ticket, every call that
-- ever reached a ticket, so even a report of one day read the whole history of emergencies. This index gives the
-- period's emergencies with what those statements read of them, by received time alone.
CREATE INDEX IF NOT EXISTS ix_calls_emergency ON calls (received_at) INCLUDE (ticket_id, opened_ticket, classified_at)
    WHERE classification = 'emergency';
-- Those two statements were its only readers.
DROP INDEX IF EXISTS ix_calls_ticket;
