namespace Bengkulu112.Api.Contracts;

/// <summary>The `data:` of a `ticket.changed` event on `GET /stream/tickets`: one committed ticket change.</summary>
public sealed record TicketChangedEvent(Guid TicketId, string Number, string Status, string? Opd, int Version, DateTimeOffset At);
