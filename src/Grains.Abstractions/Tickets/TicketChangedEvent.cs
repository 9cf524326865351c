namespace Bengkulu112.Tickets;

/// <summary>
/// One committed ticket change as consumers get it: the `data:` of a `ticket.changed` event on `GET /stream/tickets`
/// and the body of a `ticket.changed` webhook delivery (both serialise this record, so they cannot drift apart).
/// </summary>
public sealed record TicketChangedEvent(Guid TicketId, string Number, string Status, string? Opd, int Version, DateTimeOffset At);
