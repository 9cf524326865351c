using Bengkulu112.Alerts;
using Npgsql;

namespace Bengkulu112.Api.Interop.Cap;

/// <summary>
/// An alert with what its CAP messages need: the ticket's category, priority and address, and when the ticket ended
/// (first resolved or cancelled after the alert was raised) if the alert was still open (not acknowledged) then.
/// </summary>
public sealed record CapAlertRow(
    long Id, string Kind, Guid TicketId, string TicketNumber, string? Opd, string Deadline, DateTimeOffset DueAt,
    DateTimeOffset RaisedAt, string? Category, string? Priority, string? Address, DateTimeOffset? EndedAt, string? EndedStatus);

/// <summary>
/// Reads alerts for CAP from the `alerts` table and the ticket read model. The cancel of an alert comes from
/// `ticket_events`, which only grows: once a ticket has ended an alert, later changes (a reopen) never take it back, so
/// a published Cancel stays published and says the same at every read.
/// </summary>
public sealed class CapAlertQueries(NpgsqlDataSource database)
{
    private static readonly string Select = $"""
        SELECT {AlertRows.ColumnsOf("a")},
               t.category, t.priority, t.address,
               CASE WHEN a.acknowledged_at IS NULL OR a.acknowledged_at > e.at THEN e.at END,
               CASE WHEN a.acknowledged_at IS NULL OR a.acknowledged_at > e.at THEN e.status END
        FROM alerts a
        LEFT JOIN tickets t ON t.id = a.ticket_id
        LEFT JOIN LATERAL (
            SELECT at, status FROM ticket_events
            WHERE ticket_id = a.ticket_id AND status IN ('resolved', 'cancelled') AND at >= a.raised_at
            ORDER BY id LIMIT 1) e ON true
        """;

    public async Task<CapAlertRow?> GetAsync(long id, CancellationToken ct)
    {
        await using var command = database.CreateCommand(Select + " WHERE a.id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>The <paramref name="limit"/> most recently raised alerts, newest first.</summary>
    public async Task<IReadOnlyList<CapAlertRow>> LatestAsync(int limit, CancellationToken ct)
    {
        await using var command = database.CreateCommand(Select + " ORDER BY a.id DESC LIMIT $1");
        command.Parameters.AddWithValue(limit);
        return await ReadAsync(command, ct);
    }

    private static async Task<List<CapAlertRow>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<CapAlertRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var alert = AlertRows.Read(reader);
            const int more = AlertRows.ColumnCount;
            rows.Add(new CapAlertRow(alert.Id, alert.Kind, alert.TicketId, alert.TicketNumber, alert.Opd, alert.Deadline,
                alert.DueAt, alert.RaisedAt, Text(more), Text(more + 1), Text(more + 2),
                reader.IsDBNull(more + 3) ? null : reader.GetFieldValue<DateTimeOffset>(more + 3), Text(more + 4)));
        }
        return rows;
    }
}
