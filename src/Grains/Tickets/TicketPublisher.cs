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
        // The streams are handed the change all at once: each stream still hears a ticket's versions in order, as the
        // grain publishes the next version only after this one was handed to every stream.
        var pushes = ticket.NotifiedOpds
            .Select(opd => streams.GetStream<TicketChanged>(StreamId.Create(TicketStreams.OpdNamespace, opd)).OnNextAsync(change))
            .Append(streams.GetStream<TicketChanged>(StreamId.Create(TicketStreams.FeedNamespace, TicketStreams.FeedKey))
                .OnNextAsync(change));
        await Task.WhenAll(pushes);
    }

    /// <summary>The stream message of <paramref name="ticket"/>'s current version.</summary>
    public static TicketChanged ChangeOf(TicketState ticket, long eventId) =>
        new(eventId, ticket.Id, ticket.Number, ticket.Status, ticket.Opd, [.. ticket.SupportingOpds], ticket.Version,
            ticket.UpdatedAt, ticket.NextDeadline, ticket.Category, ticket.Priority);
}
