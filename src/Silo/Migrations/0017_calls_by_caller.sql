-- 0017_calls_by_caller: a caller's calls by received time, for the caller grain's activation read.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT (and so no CREATE INDEX CONCURRENTLY).
--
-- A caller's state (`callers`) no longer lists every recent call, only the classified ones: its grain reads the
-- number's other recent calls back from `calls` when it activates (CallerStore: the calls received inside the
-- screening window and the newest ones). Imported calls never count for a caller, and calls without a number have
-- none, so neither is in this index (nor costs its upkeep); with `id` in it, both parts of that read (received after
-- a time; the newest, ties by id) are index-only scans.
CREATE INDEX IF NOT EXISTS ix_calls_caller_received ON calls (caller_number, received_at, id)
    WHERE import_id IS NULL AND caller_number IS NOT NULL;
