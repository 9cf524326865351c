using Bengkulu112.Api.Contracts;
using static Bengkulu112.Api.OpenApi.ContractHeaders;

namespace Bengkulu112.Api.OpenApi;

/// <summary>
/// The contract of every operation of the API in one table, keyed by `METHOD /route/template` as the API maps it
/// (API.md in the OpenAPI document's terms). A route without a row fails the contract tests; a row whose route is not
/// mapped (yet) is harmless.
/// </summary>
public static class OperationContracts
{
    private const string CallTaker = "calltaker", Opd = "opd", Supervisor = "supervisor", Admin = "admin";
    private static readonly string[] Anyone = [CallTaker, Opd, Supervisor, Admin];
    private static readonly string[] CallTakerOrSupervisor = [CallTaker, Supervisor];
    private static readonly string[] OpdOrSupervisor = [Opd, Supervisor];
    private static readonly string[] SupervisorOnly = [Supervisor];
    private static readonly string[] AdminOnly = [Admin];
    private static readonly string[] SupervisorOrAdmin = [Supervisor, Admin];
    private static readonly string[] NoToken = [];

    private const string Tickets = "Tickets", Calls = "Calls", Callers = "Callers", Opds = "OPDs", Routing = "Routing",
        Alerts = "Alerts", Feeds = "Live feeds", Webhooks = "Webhooks", Reports = "Reports", Audit = "Audit",
        SignIn = "Sign-in", Accounts = "Accounts", Imports = "Imports", Interop = "Interoperability";

    private const ContractHeaders Command = IfMatch | ETag;
    private const string CommandWords = " Send the ticket's `ETag` as `If-Match` to make sure nobody changed it since you read it (412 when it no longer matches); a transition not allowed from the current status answers 409 with `current_status`.";

    /// <summary>Tags in the order the document lists them, with what each groups.</summary>
    public static readonly (string Name, string Description)[] Tags =
    [
        (Calls, "Calls as they reach the call takers: intake with the caller's screening, and classification."),
        (Callers, "Callers by phone number: their history and the supervisor's flag. Numbers are personal data."),
        (Tickets, "Tickets: opened by call takers, worked by OPDs, followed by supervisors."),
        (Opds, "The OPD directory: the agencies and the categories they serve."),
        (Routing, "The routing table: per category, its priority, its OPDs and its SLA deadlines."),
        (Alerts, "Supervisor alerts: SLA breaches and overdue escalations."),
        (Feeds, "Live feeds as Server-Sent Events, resumable with `Last-Event-ID`."),
        (Webhooks, "Outgoing webhooks: ticket changes and alerts pushed to a URL, signed with HMAC-SHA256."),
        (Reports, "Reports for supervisors, as JSON or CSV."),
        (Audit, "The audit trail of changes outside ticket timelines."),
        (SignIn, "Signing in and out with a local account: a short-lived access token and a refresh cookie."),
        (Accounts, "The signed-in user and the accounts of the center."),
        (Imports, "Importing the history of calls and tickets from CSV."),
        (Interop, "The emergency world's standard forms: NENA EIDO and OASIS CAP. Also `GET /api/v1/eido/ws` (any role, not listed here: OpenAPI cannot describe WebSocket messages): a WebSocket with the subprotocol `emergency-ent1.0` speaking NENA-STA-024 subscribe/notify of EIDOs, scoped like `GET /tickets`, resumable with `Last-Event-ID` or `?last_event_id=`."),
    ];

    public static readonly IReadOnlyDictionary<string, OperationContract> ByRoute = new Dictionary<string, OperationContract>
    {
        // Calls and callers
        ["POST /api/v1/calls"] = new("recordCall", Calls, "Record a call",
            "Records a call as it reaches a call taker and answers it with the caller's screening (prior calls, prank and silent calls in 30 days, flag). A flagged caller's call is recorded like any other. Never rate limited.",
            CallTakerOrSupervisor, [400, 422], IdempotencyKey | Location,
            RequestExample: """{"caller_number":"081234567890","channel":"voice","location":{"address":"Jl. Suprapto 12","kelurahan":"Pintu Batu","kecamatan":"Teluk Segara","lat":-3.7928,"lon":102.2608},"notes":"smoke seen from the road"}""",
            RateLimited: false),
        ["GET /api/v1/calls/{id}"] = new("getCall", Calls, "Get a call", "One call with its screening and classification.",
            CallTakerOrSupervisor, [404]),
        ["POST /api/v1/calls/{id}/classify"] = new("classifyCall", Calls, "Classify a call",
            "Sets the call's classification. An `emergency` needs either `ticket` (opens a ticket) or `link_ticket_id` (an open ticket about the same incident); other classifications take neither. Classifying an already classified call answers 409 (supervisors may re-classify a call whose classification did not open a ticket).",
            CallTakerOrSupervisor, [400, 404, 409],
            RequestExample: """{"classification":"emergency","ticket":{"category":"fire","description":"House fire, two floors","location":{"address":"Jl. Suprapto 12","kelurahan":"Pintu Batu","kecamatan":"Teluk Segara","lat":-3.7928,"lon":102.2608}}}"""),
        ["GET /api/v1/callers/{number}"] = new("getCaller", Callers, "Get a caller",
            "The caller's counts per classification, last calls, `flagged` and `flag_reason`. The number may be written `0812…`, `62812…` or `+62812…` (a `+` in the path is sent as `%2B`).",
            CallTakerOrSupervisor, [400, 404]),
        ["PUT /api/v1/callers/{number}/flag"] = new("flagCaller", Callers, "Flag a caller",
            "Flags the number with a reason (a supervisor may flag a number that never called). The flag only informs: the caller's calls are still recorded.",
            SupervisorOnly, [400], RequestExample: """{"reason":"repeated prank calls reported by the night shift"}"""),
        ["DELETE /api/v1/callers/{number}/flag"] = new("unflagCaller", Callers, "Clear a caller's flag",
            "Clears the supervisor's flag; the automatic flag stays while the caller's prank calls reach the threshold.",
            SupervisorOnly, [400, 404]),

        // Tickets
        ["POST /api/v1/tickets"] = new("createTicket", Tickets, "Open a ticket",
            "Opens a ticket (status `open`) for an incident that needs an OPD. With an `Idempotency-Key`, a repeat with the same body answers the first ticket (same id); the same key with another body answers 422.",
            CallTakerOrSupervisor, [400, 422], IdempotencyKey | ETag | Location,
            RequestExample: """{"category":"fire","description":"House fire, two floors","location":{"address":"Jl. Suprapto 12","kelurahan":"Pintu Batu","kecamatan":"Teluk Segara","lat":-3.7928,"lon":102.2608},"priority":"P1"}"""),
        ["GET /api/v1/tickets"] = new("listTickets", Tickets, "List tickets",
            "A page of ticket summaries, filtered by `status`, `category`, `opd`, `priority`, `from`/`to` (creation time) and `q` (text). An OPD user sees only the tickets its OPD leads or supports.",
            Anyone, [400]),
        ["GET /api/v1/tickets/suggestions"] = new("suggestTickets", Tickets, "Suggest the open ticket a call is about",
            "At most 10 tickets of `category`, not closed or cancelled, created within `within` (ISO 8601 duration, default `PT2H`, at most `P7D`), nearest first with `distance_m` when `lat`/`lon` are given and the ticket has coordinates, else newest first: `{ items: [ TicketSummary + distance_m ] }`.",
            CallTakerOrSupervisor, [400]),
        ["GET /api/v1/tickets/{id}"] = new("getTicket", Tickets, "Get a ticket",
            "The ticket with its `version`, also sent as `ETag`. Another OPD's ticket answers 404.", Anyone, [404], ETag),
        ["GET /api/v1/tickets/{id}/timeline"] = new("getTicketTimeline", Tickets, "Get a ticket's timeline",
            "Every change and note of the ticket, oldest first, a page at a time. With `limit` (1–500, default 50) or `cursor` (the `next_cursor` of the page before) the answer is a page `{ items, next_cursor }`; without either it is the first page of 500 entries as a plain array (the answer of this route before it was paged), with a `Link` header (`rel=\"next\"`) when more follow. A generated client should pass `limit`: its answer type is the page.",
            Anyone, [400, 404],
            Answers: [(200, typeof(Page<TimelineEntryResponse>)), (200, typeof(List<TimelineEntryResponse>))]),
        ["POST /api/v1/tickets/{id}/escalate"] = new("escalateTicket", Tickets, "Escalate a ticket to an OPD",
            "Hands the ticket to an OPD (by default the one the routing table names for its category) and starts its SLA deadlines." + CommandWords,
            CallTakerOrSupervisor, [400, 404, 409, 412], Command, RequestExample: """{"opd":"damkar"}"""),
        ["POST /api/v1/tickets/{id}/acknowledge"] = new("acknowledgeTicket", Tickets, "Acknowledge a ticket",
            "The assigned OPD takes the ticket." + CommandWords, OpdOrSupervisor, [400, 404, 409, 412], Command,
            RequestExample: """{"note":"unit 3 on its way"}"""),
        ["POST /api/v1/tickets/{id}/on-scene"] = new("markTicketOnScene", Tickets, "Report arrival on scene",
            "The assigned OPD has reached the incident." + CommandWords, OpdOrSupervisor, [400, 404, 409, 412], Command,
            RequestExample: """{"note":"arrived"}"""),
        ["POST /api/v1/tickets/{id}/resolve"] = new("resolveTicket", Tickets, "Resolve a ticket",
            "The assigned OPD has dealt with the incident; a note saying how is required." + CommandWords,
            OpdOrSupervisor, [400, 404, 409, 412], Command, RequestExample: """{"note":"fire out, nobody hurt"}"""),
        ["POST /api/v1/tickets/{id}/reject"] = new("rejectTicket", Tickets, "Reject a ticket",
            "The assigned OPD says the ticket is not theirs, with a reason; it goes back to the call center." + CommandWords,
            [Opd], [400, 404, 409, 412], Command, RequestExample: """{"reason":"outside our area"}"""),
        ["POST /api/v1/tickets/{id}/close"] = new("closeTicket", Tickets, "Close a ticket",
            "Closes a resolved ticket." + CommandWords, CallTakerOrSupervisor, [400, 404, 409, 412], Command,
            RequestExample: """{"note":"caller confirmed"}"""),
        ["POST /api/v1/tickets/{id}/cancel"] = new("cancelTicket", Tickets, "Cancel a ticket",
            "Cancels a ticket that needs no OPD after all, with a reason (any status but closed and cancelled)." + CommandWords,
            CallTakerOrSupervisor, [400, 404, 409, 412], Command, RequestExample: """{"reason":"duplicate of another ticket"}"""),
        ["POST /api/v1/tickets/{id}/reopen"] = new("reopenTicket", Tickets, "Reopen a ticket",
            "Sends a resolved ticket back to its OPD (status `escalated`), with a reason." + CommandWords,
            CallTakerOrSupervisor, [400, 404, 409, 412], Command, RequestExample: """{"reason":"fire flared up again"}"""),
        ["POST /api/v1/tickets/{id}/notes"] = new("addTicketNote", Tickets, "Add a note to a ticket",
            "Adds a note to the ticket's timeline. With an `Idempotency-Key`, a repeat answers the first note. A ticket holds at most 500 notes (409, problem `type` ending in `note-limit-reached`) and a person writes at most 10 a minute on all tickets together (429 with `Retry-After`, `too-many-notes`).",
            Anyone, [400, 404, 409, 422], IdempotencyKey | ETag | Location, [(201, typeof(TimelineEntryResponse))],
            """{"text":"second unit requested"}""",
            ResponseExample: """{"at":"2026-11-28T21:52:03Z","actor":"damkar.shift2","actor_name":"Regu 2 Damkar","kind":"note","from_status":null,"to_status":null,"opd":"damkar","text":"second unit requested"}"""),

        // OPDs and routing
        ["GET /api/v1/opds"] = new("listOpds", Opds, "List OPDs", "Every OPD of the directory with its open ticket count.", Anyone, []),
        ["GET /api/v1/opds/{code}"] = new("getOpd", Opds, "Get an OPD", "One OPD of the directory.", Anyone, [404],
            ResponseExample: """{"code":"damkar","name":"Dinas Pemadam Kebakaran","categories":["fire","rescue"],"backup_opd":"bpbd","open_tickets":2,"active":true,"updated_at":"2026-11-28T08:00:00Z"}"""),
        ["PUT /api/v1/opds/{code}"] = new("putOpd", Opds, "Create or update an OPD",
            "Creates the OPD (201) or updates it (200).", AdminOnly, [400], Location,
            RequestExample: """{"name":"Dinas Pemadam Kebakaran","categories":["fire","rescue"],"backup_opd":"bpbd","active":true}"""),
        ["GET /api/v1/opds/{code}/tickets"] = new("listOpdTickets", Opds, "List an OPD's open tickets",
            "The OPD's tickets not yet closed, oldest deadline first. An OPD user sees its own OPD's list only.",
            OpdOrSupervisor, [404]),
        ["GET /api/v1/routing"] = new("listRoutingRules", Routing, "List the routing table", "Every category's routing rule.", Anyone, []),
        ["GET /api/v1/routing/{category}"] = new("getRoutingRule", Routing, "Get a category's routing rule",
            "Its priority, primary and supporting OPDs and SLA deadlines (ISO 8601 durations, e.g. `PT2M`).", Anyone, [404]),
        ["PUT /api/v1/routing/{category}"] = new("putRoutingRule", Routing, "Set a category's routing rule",
            "Replaces the category's priority, OPDs and SLA deadlines.", AdminOnly, [400, 404],
            RequestExample: """{"priority":"P1","primary_opd":"damkar","supporting_opds":["bpbd"],"deadlines":{"acknowledge":"PT2M","on_scene":"PT15M","resolve":"PT4H"}}"""),

        // Alerts and live feeds
        ["GET /api/v1/alerts"] = new("listAlerts", Alerts, "List alerts",
            "A page of alerts (`sla.breached`, `escalation.overdue`), filtered by `status=open|acknowledged`.", SupervisorOnly, [400]),
        ["POST /api/v1/alerts/{id}/acknowledge"] = new("acknowledgeAlert", Alerts, "Acknowledge an alert",
            "Marks the alert as seen. Idempotent: acknowledging again answers the first acknowledgement unchanged.",
            SupervisorOnly, [404]),
        ["GET /api/v1/stream/tickets"] = new("streamTicketChanges", Feeds, "Follow ticket changes",
            "`text/event-stream` of `event: ticket.changed` with a monotonic `id:` and `data:` `{ ticket_id, number, status, opd, version, at }`. Send `Last-Event-ID` (or `?last_event_id=`) to get every event after that id first; without it the feed starts from now. An OPD user sees only its OPD's tickets. A person may hold 5 live feeds open per node (429 beyond, with `Retry-After`); a `Last-Event-ID` more than 10,000 events behind answers 410 (reload the state, then open without it).",
            Anyone, [400, 410], LastEventId),
        ["GET /api/v1/stream/alerts"] = new("streamAlerts", Feeds, "Follow alerts",
            "`text/event-stream` of `event: alert.raised` with the `Alert` as `data:`; honours `Last-Event-ID`, the feed limits and the replay cap like the ticket feed.",
            SupervisorOnly, [400, 410], LastEventId),

        // Webhooks
        ["POST /api/v1/webhooks"] = new("createWebhook", Webhooks, "Subscribe a webhook",
            "Subscribes a URL to `ticket.changed` and/or `alert.raised` (optionally for one OPD). Deliveries carry `X-Bengkulu112-Signature: sha256=<hex hmac of body>` and `X-Bengkulu112-Event-Id`.",
            AdminOnly, [400, 422], IdempotencyKey | Location,
            RequestExample: """{"url":"https://opd.example.org/hooks/112","events":["ticket.changed"],"opd":"damkar","secret":"a-long-random-shared-secret"}"""),
        ["GET /api/v1/webhooks"] = new("listWebhooks", Webhooks, "List webhooks", "A page of webhooks (their secrets are never shown).", AdminOnly, [400]),
        ["GET /api/v1/webhooks/{id}"] = new("getWebhook", Webhooks, "Get a webhook", "One webhook.", AdminOnly, [404]),
        ["DELETE /api/v1/webhooks/{id}"] = new("deleteWebhook", Webhooks, "Delete a webhook", "Stops and removes the webhook.", AdminOnly, [404]),
        ["GET /api/v1/webhooks/{id}/deliveries"] = new("listWebhookDeliveries", Webhooks, "List a webhook's deliveries",
            "Delivery attempts, newest first, with the status codes the receiver answered.", AdminOnly, [400, 404]),
        ["POST /api/v1/webhooks/{id}/secret"] = new("rotateWebhookSecret", Webhooks, "Rotate a webhook's secret",
            "Replaces the webhook's signing secret; deliveries are signed with the new one from now on.", AdminOnly, [400, 404],
            RequestExample: """{"secret":"a-new-long-random-shared-secret"}"""),

        // Reports and audit
        ["GET /api/v1/reports/summary"] = new("getReportSummary", Reports, "Summarise a period",
            "Calls, emergencies, prank share, per-OPD response times and top prank callers for `?from=&to=`; `Accept: text/csv` gives the same as CSV.",
            SupervisorOnly, [400]),
        ["GET /api/v1/reports/series"] = new("getReportSeries", Reports, "Report a period bucket by bucket",
            "Per `bucket=day|week|month` of `?from=&to=` (in the report time zone, every bucket present, zeros included): calls, emergencies, tickets, escalations, SLA met share; `Accept: text/csv` gives one row per bucket.",
            SupervisorOnly, [400]),
        ["GET /api/v1/audit"] = new("listAuditEntries", Audit, "List the audit trail",
            "A page of audit entries, newest first, optionally for one `subject` (e.g. `opd:damkar`).", SupervisorOrAdmin, [400]),

        // Accounts and sign-in
        ["POST /api/v1/auth/login"] = new("signIn", SignIn, "Sign in",
            "Answers a `Session` (an access token of at most 15 minutes) and sets the refresh cookie. The same 401 for an unknown user, a wrong password and an inactive account; 429 with `Retry-After` while the username or the client address is locked out.",
            NoToken, [400, 401, 403, 429], RequestExample: """{"username":"dewi.calltaker","password":"correct horse battery staple"}"""),
        ["POST /api/v1/auth/refresh"] = new("refreshSession", SignIn, "Refresh the session",
            "With the refresh cookie: a new `Session` and a new cookie (rotated). 401 when the cookie is missing, expired, revoked or reused (a reuse also revokes the whole session).",
            NoToken, [401, 403]),
        ["POST /api/v1/auth/logout"] = new("signOut", SignIn, "Sign out", "Revokes the session's refresh token and clears the cookie.", NoToken, [401]),
        ["GET /api/v1/auth/config"] = new("getAuthConfig", Accounts, "How to sign in", "Whether local accounts are on, the single sign-on settings, and the map tile server.", NoToken, []),
        ["GET /api/v1/me"] = new("getMe", Accounts, "Who am I", "The signed-in user's account (404 for a program's token).", Anyone, [404]),
        ["POST /api/v1/me/password"] = new("changeMyPassword", Accounts, "Change my password",
            "400 naming `new_password` when too short (< 10), equal to the username or a common password; 400 naming `current_password` when wrong. The user's other sessions end.",
            Anyone, [400], RequestExample: """{"current_password":"old one-time password","new_password":"a new long passphrase"}"""),
        ["GET /api/v1/users"] = new("listUsers", Accounts, "List users", "A page of users, filtered by `role`, `opd` and `active`.", AdminOnly, [400]),
        ["POST /api/v1/users"] = new("createUser", Accounts, "Create a user",
            "Creates an account; without a password it answers an `initial_password`, shown this once. 409 when the username exists.",
            AdminOnly, [400, 409], Location, RequestExample: """{"username":"dewi.calltaker","display_name":"Dewi","role":"calltaker"}"""),
        ["GET /api/v1/users/{username}"] = new("getUser", Accounts, "Get a user", "One account.", AdminOnly, [404]),
        ["PATCH /api/v1/users/{username}"] = new("updateUser", Accounts, "Change a user",
            "Changes display name, role, OPD or `active`; `active: false` ends every session of that user at once.",
            AdminOnly, [400, 404, 409], RequestExample: """{"active":false}"""),
        ["POST /api/v1/users/{username}/reset-password"] = new("resetUserPassword", Accounts, "Reset a user's password",
            "Answers a new `initial_password` (shown this once); the user's sessions end.", AdminOnly, [404]),

        // History import
        ["POST /api/v1/imports"] = new("startImport", Imports, "Import history from CSV",
            "Takes a `text/csv` file (UTF-8, header row) and answers 202 with the `Import` and its `Location`; 400 when the header lacks a required column, naming it. Rows are keyed by content: importing the same file again imports 0.",
            SupervisorOrAdmin, [400, 413, 415], Location),
        ["GET /api/v1/imports"] = new("listImports", Imports, "List imports", "A page of imports, newest first.", SupervisorOrAdmin, [400]),
        ["GET /api/v1/imports/{id}"] = new("getImport", Imports, "Get an import",
            "The import's progress and its refused rows with line, field and message.", SupervisorOrAdmin, [404]),

        // Interoperability
        ["GET /api/v1/tickets/{id}/eido"] = new("getTicketEido", Interop, "Get a ticket as an EIDO",
            "`application/emergency.eido+json`: the ticket as a NENA-STA-021 EIDO, valid against the official schema; OPD users get no caller number in it.",
            Anyone, [404], ETag),
        ["GET /api/v1/eido/ws"] = new("openEidoSocket", Interop, "Subscribe to EIDOs over WebSocket",
            "WebSocket with the subprotocol `emergency-ent1.0`: NENA-STA-024 subscribe/notify of EIDOs, scoped like `GET /tickets`.",
            Anyone, [400], LastEventId, WebSocket: true),
        ["GET /api/v1/alerts/{id}/cap"] = new("getAlertCap", Interop, "Get an alert as CAP",
            "`application/cap+xml`: the alert as an OASIS CAP 1.2 message, valid against the official XSD.", SupervisorOnly, [404]),
        ["GET /api/v1/cap/alerts.atom"] = new("getCapAlertFeed", Interop, "Atom feed of CAP alerts",
            "An Atom feed of the latest alerts as CAP messages.", SupervisorOnly, [400]),
    };

    /// <summary>The key of a route: upper-case method, a space, the template without a trailing slash.</summary>
    public static string Key(string method, string template) =>
        method.ToUpperInvariant() + " /" + template.Trim('/');
}
