-- Stored history for the growth part of bench/run.sh: calls numbered lo+1 .. hi (psql variables :lo and :hi), written
-- straight into the running system's database as the live code writes them (IntakeBatcher and CallStore for calls;
-- TicketStore for tickets, their timeline rows, change events and alerts; TicketClock for deadlines missed), with the
-- `state` JSON serialised as StoredJson serialises it, so a grain that activates on one of them reads it as its own.
--
-- * Calls: 80 % in the previous calendar year, 20 % in this one before today (WIB), so a report of the previous year
--   holds most of the history, the default report (this year so far) the rest, and a report of today none of it. Caller
--   numbers come from the range bench/intake.lua draws from, so intake meets callers with history. 3 % are unclassified.
-- * Every tenth call is an emergency that opened a ticket (100,000 tickets per 1,000,000 calls): 95.5 % closed, 3 %
--   cancelled, 1.5 % still in an OPD's hands from the past (resolved, on scene, acknowledged, escalated), with every
--   deadline they missed acted on by the clock (breach, timeline entry, alert), as a live ticket that long open has.
-- * Caller rows are not written: a caller grain reads its recent calls from `calls` (the caller's own row holds only
--   counts and a flag), so history lives in `calls`.
-- Ticket numbers are reserved from ticket_number_blocks as TicketNumbers does, so live tickets never meet them.
SET TimeZone = 'UTC';
BEGIN;
SELECT setseed(:lo::float8 / 1e7);

CREATE TEMP TABLE g ON COMMIT DROP AS
SELECT n,
       gen_random_uuid() AS id,
       '+62812' || lpad(((((n::bigint * 7919) % 1000000) * 37) % 100000000)::text, 8, '0') AS caller_number,
       CASE WHEN random() < 0.8
            THEN make_timestamptz(extract(year FROM now() AT TIME ZONE 'Asia/Jakarta')::int - 1, 1, 1, 0, 0, 0, 'Asia/Jakarta')
                 + random() * interval '365 days'
            ELSE make_timestamptz(extract(year FROM now() AT TIME ZONE 'Asia/Jakarta')::int, 1, 1, 0, 0, 0, 'Asia/Jakarta')
                 + random() * ((date_trunc('day', now() AT TIME ZONE 'Asia/Jakarta') - interval '1 hour') AT TIME ZONE 'Asia/Jakarta'
                               - make_timestamptz(extract(year FROM now() AT TIME ZONE 'Asia/Jakarta')::int, 1, 1, 0, 0, 0, 'Asia/Jakarta'))
       END AS received_at,
       n % 10 = 0 AS emergency,
       CASE WHEN random() < 0.9 THEN 'voice' WHEN random() < 0.5 THEN 'sms' ELSE 'app' END AS channel,
       'bench-calltaker-' || (n % 12) AS call_taker,
       random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS p
FROM generate_series(:lo + 1, :hi) AS n;

-- Calls that opened no ticket: classified three minutes after they came in, mostly pranks; 3 % never classified.
INSERT INTO calls (id, caller_number, caller_id, received_at, channel, classification, classified_at, ticket_id,
                   opened_ticket, call_taker, state, version)
SELECT id, caller_number, 'present', received_at, channel, c, CASE WHEN c IS NOT NULL THEN received_at + interval '3 minutes' END,
       NULL, false, call_taker,
       jsonb_build_object(
           'fingerprint', upper(encode(sha256(convert_to(id::text, 'UTF8')), 'hex')),
           'caller_number', caller_number, 'received_at', received_at, 'channel', initcap(channel),
           'call_taker', call_taker, 'location', NULL, 'notes', NULL,
           'classification', CASE c WHEN 'non_emergency' THEN 'NonEmergency' WHEN 'wrong_number' THEN 'WrongNumber' ELSE initcap(c) END,
           'classified_at', CASE WHEN c IS NOT NULL THEN received_at + interval '3 minutes' END,
           'classified_by', CASE WHEN c IS NOT NULL THEN call_taker END,
           'ticket_id', NULL, 'opened_ticket', false,
           'screening', jsonb_build_object('prior_calls', 0, 'prank_calls30d', 0, 'silent_calls30d', 0, 'flagged', false, 'flag_reason', NULL),
           'recorded_at', received_at + interval '20 milliseconds', 'caller_id', 'Present'),
       CASE WHEN c IS NULL THEN 1 ELSE 2 END
FROM (SELECT *, CASE WHEN r1 < 0.03 THEN NULL
                     ELSE (ARRAY['prank','prank','prank','prank','prank','prank','silent','silent','abandoned',
                                 'wrong_number','non_emergency'])[1 + floor(r2 * 11)::int] END AS c
      FROM g WHERE NOT emergency) AS x;

-- Tickets: each opened by its emergency call two minutes after it came in (the ticket takes the call's id), escalated a
-- minute later; the steps each status reached, at realistic delays. Routing as the default: deadlines 2 min, 15 min,
-- 4 h after the escalation; the renotification halfway to the acknowledge deadline.
CREATE TEMP TABLE t ON COMMIT DROP AS
SELECT g.*,
       CASE WHEN category IN ('fire', 'accident', 'ambulance', 'disaster', 'blood') THEN 'P1'
            WHEN category IN ('animal', 'fallen_tree', 'public_order') THEN 'P2' ELSE 'P3' END AS priority,
       CASE category WHEN 'fire' THEN 'damkar' WHEN 'animal' THEN 'damkar' WHEN 'wasp_nest' THEN 'damkar'
                     WHEN 'fallen_tree' THEN 'bpbd' WHEN 'disaster' THEN 'bpbd' WHEN 'accident' THEN 'polresta'
                     WHEN 'ambulance' THEN 'dinkes' WHEN 'traffic' THEN 'dishub' WHEN 'public_order' THEN 'satpolpp'
                     WHEN 'blood' THEN 'pmi' ELSE 'pupr' END AS opd,
       CASE WHEN category IN ('fire', 'accident') THEN ARRAY['dinkes'] ELSE ARRAY[]::text[] END AS supporting,
       CASE WHEN p < 0.955 THEN 'closed' WHEN p < 0.985 THEN 'cancelled' WHEN p < 0.992 THEN 'resolved'
            WHEN p < 0.995 THEN 'on_scene' WHEN p < 0.998 THEN 'acknowledged' ELSE 'escalated' END AS status,
       received_at + interval '2 minutes' AS created_at,
       received_at + interval '3 minutes' AS esc,
       CASE WHEN r1 < 0.9 THEN 10 + 50 * r2 ELSE 60 + 180 * r2 END * interval '1 second' AS ack_d,
       (240 + 720 * r3) * interval '1 second' AS on_scene_d,
       (1800 + 9000 * r4) * interval '1 second' AS resolve_d,
       0::bigint AS seq_no
FROM (SELECT *, (ARRAY['fire','fire','fire','animal','animal','animal','fallen_tree','accident','wasp_nest','ambulance',
                       'public_order','traffic','disaster','blood','public_works'])[1 + floor(r3 * 15)::int] AS category
      FROM g WHERE emergency) AS g;

-- Numbers of the ticket's year, reserved as TicketNumbers reserves a block.
CREATE TEMP TABLE years ON COMMIT DROP AS
SELECT extract(year FROM created_at AT TIME ZONE 'Asia/Jakarta')::int AS year, count(*) AS n FROM t GROUP BY 1;
CREATE TEMP TABLE blocks (year int, first bigint) ON COMMIT DROP;
WITH r AS (
    INSERT INTO ticket_number_blocks AS b (year, next_value)
    SELECT year, 1 + n FROM years
    ON CONFLICT (year) DO UPDATE SET next_value = b.next_value + EXCLUDED.next_value - 1
    RETURNING year, next_value)
INSERT INTO blocks
SELECT r.year, r.next_value - y.n AS first FROM r JOIN years y USING (year);

CREATE TEMP TABLE tk ON COMMIT DROP AS
SELECT t.*,
       'BKL-' || y || '-' || lpad((b.first + row_number() OVER (PARTITION BY y ORDER BY t.created_at) - 1)::text, 6, '0') AS number,
       CASE WHEN status NOT IN ('escalated', 'cancelled') THEN esc + ack_d END AS ack_at,
       CASE WHEN status IN ('on_scene', 'resolved', 'closed') THEN esc + ack_d + on_scene_d END AS on_scene_at,
       CASE WHEN status IN ('resolved', 'closed') THEN esc + ack_d + on_scene_d + resolve_d END AS resolved_at,
       CASE WHEN status = 'closed' THEN esc + ack_d + on_scene_d + resolve_d + interval '1 hour' END AS closed_at,
       CASE WHEN status = 'cancelled' THEN esc + interval '50 seconds' END AS cancelled_at,
       (extract(epoch FROM esc) * 10000000)::bigint + 621355968000000000 AS round
FROM (SELECT *, extract(year FROM created_at AT TIME ZONE 'Asia/Jakarta')::int AS y FROM t) AS t
JOIN blocks b ON b.year = t.y;

-- What the ticket's clock did: a point fires when its step (or a later one, or the cancellation) was not reached by the
-- time it was due.
CREATE TEMP TABLE clock ON COMMIT DROP AS
SELECT tk.id, p.step, p.due
FROM tk
CROSS JOIN LATERAL (VALUES
    ('renotify', tk.esc + interval '1 minute', coalesce(tk.ack_at, tk.cancelled_at)),
    ('acknowledge', tk.esc + interval '2 minutes', coalesce(tk.ack_at, tk.cancelled_at)),
    ('on_scene', tk.esc + interval '15 minutes', coalesce(tk.on_scene_at, tk.cancelled_at)),
    ('resolve', tk.esc + interval '4 hours', coalesce(tk.resolved_at, tk.cancelled_at))) AS p(step, due, reached)
WHERE p.reached IS NULL OR p.reached > p.due;

-- Every change of each ticket, in order: (kind of the change, when, status after, timeline entries it wrote).
CREATE TEMP TABLE saves ON COMMIT DROP AS
SELECT s.id, s.kind, s.at, s.status, s.entries,
       row_number() OVER (PARTITION BY s.id ORDER BY s.at, s.o) AS version
FROM (
    SELECT tk.id, v.*
    FROM tk
    CROSS JOIN LATERAL (VALUES
        (1, 'created', tk.created_at, 'open', jsonb_build_array(jsonb_build_object('kind', 'created', 'actor', tk.call_taker, 'to', 'open'))),
        (2, 'escalated', tk.esc, 'escalated', jsonb_build_array(jsonb_build_object('kind', 'escalated', 'actor', tk.call_taker, 'from', 'open', 'to', 'escalated'))),
        (3, 'acknowledged', tk.ack_at, 'acknowledged', jsonb_build_array(jsonb_build_object('kind', 'acknowledged', 'actor', 'bench-opd-' || tk.opd, 'from', 'escalated', 'to', 'acknowledged'))),
        (4, 'on_scene', tk.on_scene_at, 'on_scene', jsonb_build_array(jsonb_build_object('kind', 'on_scene', 'actor', 'bench-opd-' || tk.opd, 'from', 'acknowledged', 'to', 'on_scene'))),
        (5, 'resolved', tk.resolved_at, 'resolved', jsonb_build_array(jsonb_build_object('kind', 'resolved', 'actor', 'bench-opd-' || tk.opd, 'from', 'on_scene', 'to', 'resolved', 'text', 'handled'))),
        (6, 'closed', tk.closed_at, 'closed', jsonb_build_array(jsonb_build_object('kind', 'closed', 'actor', 'bench-supervisor', 'from', 'resolved', 'to', 'closed'))),
        (7, 'cancelled', tk.cancelled_at, 'cancelled', jsonb_build_array(jsonb_build_object('kind', 'cancelled', 'actor', 'bench-supervisor', 'from', 'escalated', 'to', 'cancelled', 'text', 'duplicate')))
    ) AS v(o, kind, at, status, entries)
    WHERE v.at IS NOT NULL
    UNION ALL
    -- The clock's changes keep the status the ticket had then.
    SELECT c.id, 0, 'sla_breached', c.due,
           CASE WHEN c.step IN ('renotify', 'acknowledge') THEN 'escalated'
                WHEN c.step = 'on_scene' THEN CASE WHEN tk.ack_at IS NULL OR tk.ack_at > c.due THEN 'escalated' ELSE 'acknowledged' END
                ELSE CASE WHEN tk.ack_at IS NULL OR tk.ack_at > c.due THEN 'escalated'
                          WHEN tk.on_scene_at IS NULL OR tk.on_scene_at > c.due THEN 'acknowledged' ELSE 'on_scene' END END,
           CASE c.step
               WHEN 'renotify' THEN jsonb_build_array(jsonb_build_object('kind', 'renotified', 'actor', 'system:clock', 'name', 'system',
                   'text', 'not acknowledged yet; ' || tk.opd || ' notified again'))
               WHEN 'acknowledge' THEN jsonb_build_array(
                   jsonb_build_object('kind', 'sla_breached', 'actor', 'system:clock', 'name', 'system',
                       'text', 'acknowledge deadline ' || to_char(c.due, 'YYYY-MM-DD HH24:MI:SS') || 'Z passed'),
                   jsonb_build_object('kind', 'escalation_overdue', 'actor', 'system:clock', 'name', 'system',
                       'text', 'supervisors alerted; no backup OPD'))
               ELSE jsonb_build_array(jsonb_build_object('kind', 'sla_breached', 'actor', 'system:clock', 'name', 'system',
                   'text', c.step || ' deadline ' || to_char(c.due, 'YYYY-MM-DD HH24:MI:SS') || 'Z passed'))
           END
    FROM clock c JOIN tk ON tk.id = c.id
) AS s(id, o, kind, at, status, entries);

CREATE TEMP TABLE entries ON COMMIT DROP AS
SELECT s.id, row_number() OVER (PARTITION BY s.id ORDER BY s.version, e.o) AS seq, s.at, e.entry
FROM saves s CROSS JOIN LATERAL jsonb_array_elements(s.entries) WITH ORDINALITY AS e(entry, o);

-- Per ticket: its last change, its timeline's length, and what its clock did.
CREATE TEMP TABLE sv ON COMMIT DROP AS
SELECT s.id, max(s.version)::int AS version, max(s.at) AS updated_at, max(e.seq)::int AS timeline_length
FROM saves s JOIN (SELECT id, max(seq) AS seq FROM entries GROUP BY id) e ON e.id = s.id
GROUP BY s.id;
CREATE TEMP TABLE cl ON COMMIT DROP AS
SELECT c.id, jsonb_agg(tk.round || ':' || c.step ORDER BY c.due) AS keys,
       jsonb_agg(jsonb_build_object('deadline', c.step, 'breached_at', c.due) ORDER BY c.due)
           FILTER (WHERE c.step <> 'renotify') AS breaches,
       count(*) FILTER (WHERE c.step <> 'renotify') AS breach_count,
       count(*) FILTER (WHERE c.step IN ('renotify', 'acknowledge')) AS levels
FROM clock c JOIN tk ON tk.id = c.id
GROUP BY c.id;

INSERT INTO calls (id, caller_number, caller_id, received_at, channel, classification, classified_at, ticket_id,
                   opened_ticket, call_taker, state, version)
SELECT id, caller_number, 'present', received_at, channel, 'emergency', created_at, id, true, call_taker,
       jsonb_build_object(
           'fingerprint', upper(encode(sha256(convert_to(id::text, 'UTF8')), 'hex')),
           'caller_number', caller_number, 'received_at', received_at, 'channel', initcap(channel),
           'call_taker', call_taker, 'location', NULL, 'notes', NULL, 'classification', 'Emergency',
           'classified_at', created_at, 'classified_by', call_taker, 'ticket_id', id, 'opened_ticket', true,
           'screening', jsonb_build_object('prior_calls', 0, 'prank_calls30d', 0, 'silent_calls30d', 0, 'flagged', false, 'flag_reason', NULL),
           'recorded_at', received_at + interval '20 milliseconds', 'caller_id', 'Present'),
       2
FROM tk;

INSERT INTO tickets (id, number, version, state, status, category, priority, opd, supporting_opds, description, address,
                     created_at, updated_at, next_deadline, published_version, escalated_at, first_escalated_at,
                     acknowledged_at, on_scene_at, resolved_at, closed_at, cancelled_at, breach_count)
SELECT tk.id, tk.number, v.version,
       jsonb_build_object(
           'id', tk.id, 'number', tk.number, 'version', v.version, 'category', tk.category, 'priority', lower(tk.priority),
           'status', tk.status, 'description', 'history ' || tk.category || ' ' || tk.n,
           'location', jsonb_build_object('lat', NULL, 'lon', NULL, 'address', 'Jl. Suprapto No. ' || (tk.n % 200),
                                          'kecamatan', 'Ratu Agung', 'kelurahan', NULL),
           'blood', NULL, 'call_ids', jsonb_build_array(tk.id), 'opd', tk.opd, 'supporting_opds', to_jsonb(tk.supporting),
           'created_at', tk.created_at, 'created_by', tk.call_taker, 'updated_at', v.updated_at,
           'escalated_at', tk.esc, 'acknowledged_at', tk.ack_at, 'on_scene_at', tk.on_scene_at,
           'resolved_at', tk.resolved_at, 'closed_at', tk.closed_at, 'cancelled_at', tk.cancelled_at,
           'deadlines', jsonb_build_object('acknowledge', tk.esc + interval '2 minutes', 'on_scene', tk.esc + interval '15 minutes',
                                           'resolve', tk.esc + interval '4 hours'),
           'breaches', coalesce(cl.breaches, '[]'::jsonb),
           'escalation_level', 1 + coalesce(cl.levels, 0),
           'timeline_length', v.timeline_length, 'note_count', 0, 'first_escalated_at', tk.esc,
           'fired_clocks', coalesce(cl.keys, '[]'::jsonb), 'offered_to', '[]'::jsonb,
           'notified_opds', to_jsonb(tk.opd || tk.supporting),
           'open_fingerprint', 'call:' || tk.id,
           'next_deadline', nd.at, 'opds', to_jsonb(tk.opd || tk.supporting)),
       tk.status, tk.category, tk.priority, tk.opd, tk.supporting, 'history ' || tk.category || ' ' || tk.n,
       'Jl. Suprapto No. ' || (tk.n % 200), tk.created_at, v.updated_at, nd.at, v.version,
       tk.esc, tk.esc, tk.ack_at, tk.on_scene_at, tk.resolved_at, tk.closed_at, tk.cancelled_at, coalesce(cl.breach_count, 0)
FROM tk
JOIN sv v ON v.id = tk.id
LEFT JOIN cl ON cl.id = tk.id
CROSS JOIN LATERAL (SELECT CASE tk.status WHEN 'escalated' THEN tk.esc + interval '2 minutes'
                                          WHEN 'acknowledged' THEN tk.esc + interval '15 minutes'
                                          WHEN 'on_scene' THEN tk.esc + interval '4 hours' END AS at) AS nd;

INSERT INTO ticket_timeline (ticket_id, seq, at, actor, actor_name, kind, from_status, to_status, opd, text, note_key)
SELECT e.id, e.seq, e.at, e.entry ->> 'actor', e.entry ->> 'name', e.entry ->> 'kind', e.entry ->> 'from', e.entry ->> 'to',
       tk.opd, e.entry ->> 'text', NULL
FROM entries e JOIN tk ON tk.id = e.id;

INSERT INTO ticket_events (ticket_id, version, number, kind, status, opd, supporting_opds, at)
SELECT s.id, s.version, tk.number, s.kind, s.status, tk.opd, tk.supporting, s.at
FROM saves s JOIN tk ON tk.id = s.id
ORDER BY s.at;

-- The clock's alerts, acknowledged by a supervisor five minutes later.
INSERT INTO alerts (dedupe_key, kind, ticket_id, ticket_number, opd, deadline, due_at, raised_at, acknowledged_by, acknowledged_at)
SELECT replace(c.id::text, '-', '') || ':' || tk.round || ':' || c.step || a.suffix, a.kind, c.id, tk.number, tk.opd, c.step,
       c.due, c.due, 'bench-supervisor', c.due + interval '5 minutes'
FROM clock c JOIN tk ON tk.id = c.id
CROSS JOIN LATERAL (VALUES (':breach', 'sla.breached'), (':overdue', 'escalation.overdue')) AS a(suffix, kind)
WHERE c.step <> 'renotify' AND (a.kind = 'sla.breached' OR c.step = 'acknowledge')
ORDER BY c.due;

COMMIT;
