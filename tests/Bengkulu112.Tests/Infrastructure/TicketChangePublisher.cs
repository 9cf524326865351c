using Bengkulu112.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace Bengkulu112.Tests.Infrastructure;

/// <summary>Stands in for the ticket grain: publishes ticket changes on the OPD streams from inside a silo.</summary>
public sealed class TicketChangePublisher(IServiceProvider silo)
{
    private readonly IStreamProvider streams =
        silo.GetRequiredService<IClusterClient>().GetStreamProvider(TicketStreams.Provider);

    /// <summary>Publishes to the given OPDs' streams, or to every OPD the change names.</summary>
    public async Task PublishAsync(TicketChanged change, params string[] opds)
    {
        var targets = opds.Length > 0 ? opds : [.. new[] { change.Opd }.OfType<string>().Concat(change.SupportingOpds)];
        foreach (var opd in targets)
            await streams.GetStream<TicketChanged>(StreamId.Create(TicketStreams.OpdNamespace, opd)).OnNextAsync(change);
    }

    public static TicketChanged Change(Guid ticket, string number, TicketStatus status, int version,
        string? opd = "damkar", string[]? supporting = null, DateTimeOffset? nextDeadline = null,
        string category = "fire", Priority priority = Priority.P1) =>
        new(version, ticket, number, status, opd, supporting ?? [], version, DateTimeOffset.UtcNow, nextDeadline,
            category, priority);
}
