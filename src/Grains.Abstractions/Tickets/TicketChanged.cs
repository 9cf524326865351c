namespace Bengkulu112.Tickets;

/// <summary>
/// Published on the OPD ticket stream after every committed change of a ticket, to each OPD it concerns (now or
/// before the change). Consumers ignore versions they have already seen, so a repeat is harmless.
/// </summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.TicketChanged")]
public sealed record TicketChanged(
    [property: Id(0)] long EventId,
    [property: Id(1)] Guid TicketId,
    [property: Id(2)] string Number,
    [property: Id(3)] TicketStatus Status,
    [property: Id(4)] string? Opd,
    [property: Id(5)] IReadOnlyList<string> SupportingOpds,
    [property: Id(6)] int Version,
    [property: Id(7)] DateTimeOffset At,
    [property: Id(8)] DateTimeOffset? NextDeadline,
    [property: Id(9)] string Category,
    [property: Id(10)] Priority Priority);

/// <summary>The names of the Orleans streams Bengkulu112 publishes on.</summary>
public static class TicketStreams
{
    public const string Provider = "tickets";

    /// <summary>Stream namespace whose stream key is an OPD code; the OPD grain subscribes implicitly.</summary>
    public const string OpdNamespace = "opd-tickets";

    /// <summary>
    /// Stream namespace (one stream, key <see cref="FeedKey"/>) that carries every ticket change to API nodes: a
    /// doorbell for live feeds, which read the events themselves from `ticket_events` so nothing is missed.
    /// </summary>
    public const string FeedNamespace = "ticket-feed";

    public const string FeedKey = "all";
}
