namespace Bengkulu112.Alerts;

/// <summary>
/// `Alert` of API.md: a supervisor alert as stored in the `alerts` table. The one shape of an alert: `GET /alerts`,
/// the `alert.raised` events of `GET /stream/alerts` and `alert.raised` webhook deliveries all serialise this record,
/// so they cannot drift apart. `id` is the table's monotonic id (also the feed's event id); `acknowledged_by` is a
/// username, `acknowledged_by_name` the display name (null for programs and for alerts acknowledged before accounts
/// existed). Named for its schema in the OpenAPI document, which generated clients know it by.
/// </summary>
public sealed record AlertResponse(
    long Id,
    string Kind,
    Guid TicketId,
    string TicketNumber,
    string? Opd,
    string Deadline,
    DateTimeOffset DueAt,
    DateTimeOffset RaisedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedByName);
