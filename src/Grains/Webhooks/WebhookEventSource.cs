using Bengkulu112.Alerts;
using Bengkulu112.Tickets;
using Npgsql;

namespace Bengkulu112.Webhooks;

/// <summary>
/// Reads the events a webhook has not finished yet from `ticket_events` and `alerts`: those after its cursors, of the
/// types it subscribed to, concerning its OPD when it has one. Each type comes in id order (gap-free, see 0004);
/// the two types are merged by time.
/// </summary>
public sealed class WebhookEventSource(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<WebhookEvent>> NextAsync(WebhookSubscription webhook, int limit)
    {
        var tickets = webhook.Wants(WebhookEvents.TicketChanged)
            ? await TicketChangesAsync(webhook, limit)
            : [];
        var alerts = webhook.Wants(WebhookEvents.AlertRaised)
            ? await AlertsAsync(webhook, limit)
            : [];
        return Merge(tickets, alerts, limit);
    }

    /// <summary>
    /// Merges two id-ordered lists by time, keeping each one's order. Stops where a list that was cut at
    /// <paramref name="limit"/> runs out: its next row (not read) might come before the other list's rest.
    /// </summary>
    private static List<WebhookEvent> Merge(List<WebhookEvent> a, List<WebhookEvent> b, int limit)
    {
        var merged = new List<WebhookEvent>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if ((i == a.Count && a.Count == limit) || (j == b.Count && b.Count == limit))
                break;
            var takeA = j == b.Count || (i < a.Count && a[i].At <= b[j].At);
            merged.Add(takeA ? a[i++] : b[j++]);
        }
        return merged;
    }

    /// <summary>A query whose $1 is the cursor, $2 the OPD filter (null: every OPD) and $3 the row limit.</summary>
    private NpgsqlCommand AfterCursor(string sql, long cursor, string? opd, int limit)
    {
        var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue(cursor);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)opd ?? DBNull.Value, DataTypeName = "text" });
        command.Parameters.AddWithValue(limit);
        return command;
    }

    private async Task<List<WebhookEvent>> TicketChangesAsync(WebhookSubscription webhook, int limit)
    {
        await using var command = AfterCursor($"""
            SELECT {TicketEventRows.Columns}
            FROM ticket_events
            WHERE id > $1 AND ($2::text IS NULL OR opd = $2 OR $2 = ANY(supporting_opds))
            ORDER BY id
            LIMIT $3
            """, webhook.LastTicketEventId, webhook.Opd, limit);
        var events = new List<WebhookEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var change = TicketEventRows.Read(reader);
            events.Add(new WebhookEvent(WebhookEvents.TicketChanged, TicketEventRows.Id(reader), change.At,
                WebhookPayloads.TicketChanged(change)));
        }
        return events;
    }

    private async Task<List<WebhookEvent>> AlertsAsync(WebhookSubscription webhook, int limit)
    {
        await using var command = AfterCursor($"""
            SELECT {AlertRows.Columns}
            FROM alerts
            WHERE id > $1 AND ($2::text IS NULL OR opd = $2)
            ORDER BY id
            LIMIT $3
            """, webhook.LastAlertId, webhook.Opd, limit);
        return [.. (await AlertRows.ReadAllAsync(command, CancellationToken.None))
            .Select(alert => new WebhookEvent(WebhookEvents.AlertRaised, alert.Id, alert.RaisedAt, WebhookPayloads.AlertRaised(alert)))];
    }
}
