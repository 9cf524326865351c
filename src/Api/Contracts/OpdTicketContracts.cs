using Bengkulu112.Opds;
using Bengkulu112.Tickets;

namespace Bengkulu112.Api.Contracts;

/// <summary>An item of `GET /opds/{code}/tickets`: a ticket in the OPD's hands and its part in it.</summary>
public sealed record OpdTicketResponse(
    Guid TicketId,
    string Number,
    TicketStatus Status,
    string Category,
    Priority Priority,
    OpdTicketRole Role,
    DateTimeOffset? NextDeadline,
    int Version,
    DateTimeOffset UpdatedAt)
{
    public static OpdTicketResponse From(OpdTicket ticket) =>
        new(ticket.TicketId, ticket.Number, ticket.Status, ticket.Category, ticket.Priority, ticket.Role,
            ticket.NextDeadline, ticket.Version, ticket.UpdatedAt);
}
