-- 0012_ticket_timeline: a ticket's timeline as rows of its own, no longer inside the ticket's state.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.

-- One row per timeline entry (API.md `TimelineEntry`), numbered 1, 2, … within its ticket in the order they happened.
-- The ticket store writes a change's entries in the transaction that writes the ticket's new version, so a change is
-- stored with its entries or not at all; the (ticket_id, seq) key refuses an entry written twice.
CREATE TABLE IF NOT EXISTS ticket_timeline
(
    ticket_id   uuid        NOT NULL,
    seq         integer     NOT NULL,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    actor_name  text        NULL,
    kind        text        NOT NULL,
    from_status text        NULL,
    to_status   text        NULL,
    opd         text        NULL,
    text        text        NULL,
    -- "actor\nIdempotency-Key" of a note given with one: a repeat answers this entry.
    note_key    text        NULL,

    CONSTRAINT pk_ticket_timeline PRIMARY KEY (ticket_id, seq),
    CONSTRAINT fk_ticket_timeline_ticket FOREIGN KEY (ticket_id) REFERENCES tickets (id)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_ticket_timeline_note_key ON ticket_timeline (ticket_id, note_key)
    WHERE note_key IS NOT NULL;
-- The per-person note limit counts a person's notes of the last minute.
CREATE INDEX IF NOT EXISTS ix_ticket_timeline_notes_by_actor ON ticket_timeline (actor, at) WHERE kind = 'note';

-- Back-fill: every entry still inside a ticket's state becomes a row (statuses were once stored as numbers, now as
-- their codes), with the Idempotency-Key of its note when it had one.
INSERT INTO ticket_timeline (ticket_id, seq, at, actor, actor_name, kind, from_status, to_status, opd, text, note_key)
SELECT t.id,
       e.seq::integer,
       (e.entry ->> 'at')::timestamptz,
       e.entry ->> 'actor',
       e.entry ->> 'actor_name',
       e.entry ->> 'kind',
       CASE jsonb_typeof(e.entry -> 'from_status')
           WHEN 'number' THEN (ARRAY ['open', 'escalated', 'acknowledged', 'on_scene', 'resolved', 'closed', 'cancelled'])
               [(e.entry ->> 'from_status')::integer + 1]
           WHEN 'string' THEN e.entry ->> 'from_status' END,
       CASE jsonb_typeof(e.entry -> 'to_status')
           WHEN 'number' THEN (ARRAY ['open', 'escalated', 'acknowledged', 'on_scene', 'resolved', 'closed', 'cancelled'])
               [(e.entry ->> 'to_status')::integer + 1]
           WHEN 'string' THEN e.entry ->> 'to_status' END,
       e.entry ->> 'opd',
       e.entry ->> 'text',
       (SELECT k.key
        FROM jsonb_each(CASE jsonb_typeof(t.state -> 'note_keys') WHEN 'object' THEN t.state -> 'note_keys' ELSE '{}' END) k
        WHERE (k.value #>> '{}')::integer = e.seq - 1
        LIMIT 1)
FROM tickets t
         CROSS JOIN LATERAL jsonb_array_elements(t.state -> 'timeline') WITH ORDINALITY AS e(entry, seq)
WHERE jsonb_typeof(t.state -> 'timeline') = 'array'
ON CONFLICT DO NOTHING;

-- The state keeps what the ticket's rules need: how many entries and notes it has, and when it was first escalated.
UPDATE tickets t
SET state = (t.state - 'timeline' - 'note_keys') || jsonb_build_object(
        'timeline_length', jsonb_array_length(t.state -> 'timeline'),
        'note_count', (SELECT count(*) FROM jsonb_array_elements(t.state -> 'timeline') e WHERE e ->> 'kind' = 'note'),
        'first_escalated_at',
        COALESCE(jsonb_path_query_first(t.state, '$.timeline[*] ? (@.kind == "escalated").at'), 'null'::jsonb))
WHERE jsonb_typeof(t.state -> 'timeline') = 'array';
