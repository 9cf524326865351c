namespace Bengkulu112.Api.Contracts;

/// <summary>
/// `Alert` of API.md: a supervisor alert as stored in the `alerts` table. `id` is the table's monotonic id, which is
/// also the `id:` of the `alert.raised` event on `GET /stream/alerts`. `acknowledged_by` is a username,
/// `acknowledged_by_name` the display name (null for programs and for alerts acknowledged before accounts existed).
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
