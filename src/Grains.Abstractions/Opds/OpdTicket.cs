using Bengkulu112.Tickets;

namespace Bengkulu112.Opds;

/// <summary>A ticket on an OPD's open list, as the OPD grain last heard of it from the ticket stream.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.OpdTicket")]
public sealed record OpdTicket(
    [property: Id(0)] Guid TicketId,
    [property: Id(1)] string Number,
    [property: Id(2)] TicketStatus Status,
    [property: Id(3)] string Category,
    [property: Id(4)] Priority Priority,
    [property: Id(5)] OpdTicketRole Role,
    [property: Id(6)] DateTimeOffset? NextDeadline,
    [property: Id(7)] int Version,
    [property: Id(8)] DateTimeOffset UpdatedAt);

/// <summary>Whether the OPD leads on a ticket or supports the lead OPD; serialised as the lower-case codes.</summary>
public enum OpdTicketRole
{
    Primary,
    Supporting,
}
