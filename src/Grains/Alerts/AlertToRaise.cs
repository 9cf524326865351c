namespace Bengkulu112.Alerts;

/// <summary>
/// An alert a ticket's clock raises with a change (<see cref="Tickets.TicketClock.Act"/>); stored by
/// <see cref="AlertStore"/> in the same transaction, once per <see cref="DedupeKey"/>.
/// </summary>
/// <param name="Kind">One of <see cref="AlertKinds"/>.</param>
public sealed record AlertToRaise(string DedupeKey, string Kind, string? Opd, string Deadline, DateTimeOffset DueAt, DateTimeOffset RaisedAt);
