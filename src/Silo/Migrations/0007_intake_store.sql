-- 0007_intake_store: calls and callers leave Orleans grain storage for tables of their own, so that recording a call
-- writes the call and its caller's screening in one transaction (and many intakes share one commit).
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.
--
-- `calls.state` is the call's state (the source of truth, as CallGrain holds it); the other columns stay the read
-- model of reports, written by the same statements. `callers` holds each caller grain's state. `version` counts the
-- writes of a row: a write names the version it read and finds nothing to update when another activation wrote first.

ALTER TABLE calls ADD COLUMN IF NOT EXISTS state jsonb NULL;
ALTER TABLE calls ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 1;

CREATE TABLE IF NOT EXISTS callers
(
    number  text    NOT NULL,
    state   jsonb   NOT NULL,
    version integer NOT NULL,

    CONSTRAINT pk_callers PRIMARY KEY (number),
    CONSTRAINT ck_callers_version CHECK (version > 0)
);

-- Carry over what grain storage held. Its rows are JSON written with the same options (snake_case names) as these
-- tables use. A caller's key is the number (grainidextensionstring); a call's key is its GUID, stored as the two
-- little-endian 64-bit halves of Guid.ToByteArray() (grainidn0, grainidn1), rebuilt here into the uuid.
INSERT INTO callers (number, state, version)
SELECT s.grainidextensionstring, convert_from(s.payloadbinary, 'UTF8')::jsonb, 1
FROM orleansstorage s
WHERE s.graintypestring = 'caller' AND s.grainidextensionstring IS NOT NULL AND s.payloadbinary IS NOT NULL
ON CONFLICT (number) DO NOTHING;

WITH legacy AS (
    SELECT convert_from(s.payloadbinary, 'UTF8')::jsonb AS state,
           -- Guid.ToByteArray() index k is byte (k < 8 ? 7 - k : 23 - k) of the two big-endian int8send halves; the
           -- uuid's text takes the array's bytes in the order 3 2 1 0 5 4 7 6 8 .. 15.
           (SELECT string_agg(lpad(to_hex(get_byte(int8send(s.grainidn0) || int8send(s.grainidn1),
                                                   CASE WHEN u.k < 8 THEN 7 - u.k ELSE 23 - u.k END)), 2, '0'), ''
                              ORDER BY u.o)
            FROM unnest(ARRAY[3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15]) WITH ORDINALITY AS u(k, o))::uuid AS id
    FROM orleansstorage s
    WHERE s.graintypestring = 'call' AND s.payloadbinary IS NOT NULL)
-- Calls recorded before 0006 have no row yet: the read-model columns come from the state (enum names there are
-- PascalCase, codes here snake_case).
INSERT INTO calls (id, caller_number, received_at, channel, classification, classified_at, ticket_id, opened_ticket,
                   call_taker, state)
SELECT id,
       state ->> 'caller_number',
       (state ->> 'received_at')::timestamptz,
       lower(state ->> 'channel'),
       lower(regexp_replace(state ->> 'classification', '([a-z])([A-Z])', '\1_\2', 'g')),
       (state ->> 'classified_at')::timestamptz,
       (state ->> 'ticket_id')::uuid,
       coalesce((state ->> 'opened_ticket')::boolean, false),
       state ->> 'call_taker',
       state
FROM legacy
ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state WHERE calls.state IS NULL;

-- A row without state stays a report row only: CallGrain wrote the row before its grain state, and a recording that
-- failed in between (never retried) left the row of a call that reached a call taker but no call to read.
