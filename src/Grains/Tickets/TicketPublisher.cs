using Orleans.Runtime;
using Orleans.Streams;

namespace Bengkulu112.Tickets;

/// <summary>Pushes a committed ticket change onto the stream of every OPD it concerns and onto the live feed.</summary>
public static class TicketPublisher
{
    public static async Task PublishAsync(IStreamProvider streams, TicketState ticket, long eventId)
    {
        var change = ChangeOf(ticket, eventId);
        // Every OPD ever assigned hears of every change, so one that lost the ticket (re-routed, rejected) drops it.
        foreach (var opd in ticket.NotifiedOpds)
        {
            var stream = streams.GetStream<TicketChanged>(StreamId.Create(TicketStreams.OpdNamespace, opd));
            await stream.OnNextAsync(change);
        }
        await streams.GetStream<TicketChanged>(StreamId.Create(TicketStreams.FeedNamespace, TicketStreams.FeedKey))
            .OnNextAsync(change);
    }

    /// <summary>The stream message of <paramref name="ticket"/>'s current version.</summary>
    public static TicketChanged ChangeOf(TicketState ticket, long eventId) =>
        new(eventId, ticket.Id, ticket.Number, ticket.Status, ticket.Opd, [.. ticket.SupportingOpds], ticket.Version,
            ticket.UpdatedAt, ticket.NextDeadline, ticket.Category, ticket.Priority);
}
