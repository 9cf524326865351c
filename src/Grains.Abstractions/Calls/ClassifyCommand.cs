using Bengkulu112.Tickets;

namespace Bengkulu112.Calls;

/// <summary>
/// `POST /calls/{id}/classify`. An emergency needs exactly one of <see cref="Ticket"/> (open one) or
/// <see cref="LinkTicketId"/> (an open ticket about the same incident); other classifications take neither.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.ClassifyCommand")]
public sealed record ClassifyCommand(
    [property: Id(0)] Classification Classification,
    [property: Id(1)] string? Notes,
    [property: Id(2)] TicketDraft? Ticket,
    [property: Id(3)] Guid? LinkTicketId);
