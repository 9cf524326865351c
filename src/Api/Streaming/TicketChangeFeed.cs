using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Queries;
using Bengkulu112.Tickets;

namespace Bengkulu112.Api.Streaming;

/// <summary>
/// Ticket changes as every live reader of this node gets them (SSE feeds, the EIDO socket): from the node's feed hub
/// while it holds the position asked for, from `ticket_events` in pages otherwise (a replay, a slow reader).
/// </summary>
public sealed class TicketChangeFeed(FeedHub<TicketChangedEvent> hub, TicketEventQueries queries)
{
    /// <summary>Rung when the hub took new changes into memory.</summary>
    public Doorbell Bell => hub.Bell;

    /// <summary>The changes after <paramref name="after"/> an OPD (null: every role but opd) may see, for one ticket or all.</summary>
    public async Task<IReadOnlyList<FeedEvent<TicketChangedEvent>>> AfterAsync(long after, string? visibleToOpd, Guid? ticketId,
        int limit, CancellationToken ct) =>
        hub.TryRead(after, e => (visibleToOpd is null || e.Opds.Contains(visibleToOpd)) && (ticketId is null || e.Data.TicketId == ticketId),
            limit, out var events)
            ? events
            : await queries.AfterAsync(after, visibleToOpd, ticketId, limit, ct);

    public Task<long> LatestIdAsync(CancellationToken ct) => queries.LatestIdAsync(ct);
}
