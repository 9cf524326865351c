namespace Bengkulu112.Tickets;

/// <summary>
/// A status change asked of a ticket. <see cref="Opd"/> only for escalate (another OPD than the routing's);
/// <see cref="Text"/> is the note or reason. <see cref="ExpectedVersion"/> comes from `If-Match`.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.TicketCommand")]
public sealed record TicketCommand(
    [property: Id(0)] TicketTransition Transition,
    [property: Id(1)] string? Opd,
    [property: Id(2)] string? Text,
    [property: Id(3)] int? ExpectedVersion);
