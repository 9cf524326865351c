using Bengkulu112.Api.Streaming;
using Bengkulu112.Tickets;
using Npgsql;

namespace Bengkulu112.Api.Queries;

/// <summary>
/// The `ticket_events` table (one row per committed ticket change, written with the change) read as the
/// `ticket.changed` feed. Ids become visible in id order (FeedLocks), so "after the last id seen" misses nothing.
/// </summary>
public sealed class TicketEventQueries(NpgsqlDataSource database)
{
    /// <summary>
    /// The changes after <paramref name="after"/>, oldest first; for an OPD user only those whose event row names its
    /// OPD as primary or supporting.
    /// </summary>
    public Task<IReadOnlyList<FeedEvent<TicketChangedEvent>>> AfterAsync(long after, string? visibleToOpd, int limit,
        CancellationToken ct) => AfterAsync(after, visibleToOpd, null, limit, ct);

    /// <summary>As <see cref="AfterAsync(long, string?, int, CancellationToken)"/>, for one ticket only when <paramref name="ticketId"/> is given.</summary>
    public async Task<IReadOnlyList<FeedEvent<TicketChangedEvent>>> AfterAsync(long after, string? visibleToOpd, Guid? ticketId,
        int limit, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            SELECT {TicketEventRows.Columns}
            FROM ticket_events
            WHERE id > $1 AND ($2::text IS NULL OR opd = $2 OR $2 = ANY(supporting_opds)) AND ($4::uuid IS NULL OR ticket_id = $4)
            ORDER BY id
            LIMIT $3
            """);
        command.Parameters.AddWithValue(after);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)visibleToOpd ?? DBNull.Value });
        command.Parameters.AddWithValue(limit);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = (object?)ticketId ?? DBNull.Value });
        var events = new List<FeedEvent<TicketChangedEvent>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            events.Add(new FeedEvent<TicketChangedEvent>(TicketEventRows.Id(reader), TicketEventRows.Read(reader)));
        }
        return events;
    }

    /// <summary>Every change after <paramref name="after"/> with the OPDs it concerns: what the node's feed hub keeps.</summary>
    public async Task<IReadOnlyList<HubEvent<TicketChangedEvent>>> AfterForHubAsync(long after, int limit, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            SELECT {TicketEventRows.Columns}, supporting_opds
            FROM ticket_events WHERE id > $1 ORDER BY id LIMIT $2
            """);
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(limit);
        var events = new List<HubEvent<TicketChangedEvent>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var change = TicketEventRows.Read(reader);
            string[] supporting = reader.IsDBNull(7) ? [] : reader.GetFieldValue<string[]>(7);
            events.Add(new HubEvent<TicketChangedEvent>(TicketEventRows.Id(reader), change,
                change.Opd is null ? supporting : [change.Opd, .. supporting]));
        }
        return events;
    }

    public Task<long> LatestIdAsync(CancellationToken ct) => EventTables.LatestIdAsync(database, "ticket_events", ct);
}
