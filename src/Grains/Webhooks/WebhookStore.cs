using Npgsql;

namespace Bengkulu112.Webhooks;

/// <summary>
/// The durable side of a webhook: its row in `webhooks` (definition and delivery cursors) and its attempts in
/// `webhook_deliveries`. An attempt that finishes an event is recorded in the same transaction that moves the
/// cursor past it, so the log and the cursor never disagree.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource database)
{
    /// <summary>
    /// Inserts the webhook unless its id exists, with cursors at the newest events (it hears what is committed from
    /// now on), and answers the stored row (the existing one for a repeat).
    /// </summary>
    public async Task<WebhookSubscription> CreateAsync(Guid id, WebhookDefinition definition, string actor,
        string fingerprint, DateTimeOffset now)
    {
        await using (var command = database.CreateCommand("""
            INSERT INTO webhooks (id, url, events, opd, secret, create_fingerprint, created_by, created_at,
                                  last_ticket_event_id, last_alert_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                    (SELECT coalesce(max(id), 0) FROM ticket_events), (SELECT coalesce(max(id), 0) FROM alerts))
            ON CONFLICT (id) DO NOTHING
            """))
        {
            command.Parameters.AddWithValue(id);
            command.Parameters.AddWithValue(definition.Url);
            command.Parameters.AddWithValue(definition.Events.ToArray());
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)definition.Opd ?? DBNull.Value, DataTypeName = "text" });
            command.Parameters.AddWithValue(definition.Secret);
            command.Parameters.AddWithValue(fingerprint);
            command.Parameters.AddWithValue(actor);
            command.Parameters.AddWithValue(now);
            await command.ExecuteNonQueryAsync();
        }
        return await LoadAsync(id) ?? throw new InvalidOperationException($"Webhook {id} vanished after its insert.");
    }

    public async Task<WebhookSubscription?> LoadAsync(Guid id)
    {
        await using var command = database.CreateCommand("""
            SELECT url, events, opd, secret, create_fingerprint, created_at, deleted_at IS NOT NULL,
                   last_ticket_event_id, last_alert_id, previous_secret, previous_secret_until
            FROM webhooks WHERE id = $1
            """);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new WebhookSubscription(id, reader.GetString(0), reader.GetFieldValue<string[]>(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6), reader.GetInt64(7), reader.GetInt64(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10));
    }

    /// <summary>
    /// Makes <paramref name="secret"/> the current secret and keeps the current one beside it until
    /// <paramref name="previousUntil"/>; false when there is no such (live) webhook.
    /// </summary>
    public async Task<bool> RotateSecretAsync(Guid id, string secret, DateTimeOffset previousUntil)
    {
        await using var command = database.CreateCommand("""
            UPDATE webhooks SET previous_secret = secret, previous_secret_until = $3, secret = $2
            WHERE id = $1 AND deleted_at IS NULL
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(secret);
        command.Parameters.AddWithValue(previousUntil);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Marks the webhook deleted; false when there is no such webhook or it was deleted already.</summary>
    public async Task<bool> DeleteAsync(Guid id, DateTimeOffset now)
    {
        await using var command = database.CreateCommand(
            "UPDATE webhooks SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Logs the attempt; when <paramref name="finished"/> (delivered or given up), also moves the cursor past its event.</summary>
    public async Task RecordAsync(DeliveryAttempt attempt, bool finished)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("""
            INSERT INTO webhook_deliveries (webhook_id, event_type, event_id, attempt, status_code, error, duration_ms,
                                            at, next_attempt_at, delivered)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, connection, transaction))
        {
            command.Parameters.AddWithValue(attempt.WebhookId);
            command.Parameters.AddWithValue(attempt.Event.Type);
            command.Parameters.AddWithValue(attempt.Event.EventId);
            command.Parameters.AddWithValue(attempt.Attempt);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)attempt.Outcome.StatusCode ?? DBNull.Value, DataTypeName = "integer" });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)attempt.Outcome.Error ?? DBNull.Value, DataTypeName = "text" });
            command.Parameters.AddWithValue(attempt.Outcome.DurationMs);
            command.Parameters.AddWithValue(attempt.At);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)attempt.NextAttemptAt ?? DBNull.Value, DataTypeName = "timestamptz" });
            command.Parameters.AddWithValue(attempt.Outcome.Delivered);
            await command.ExecuteNonQueryAsync();
        }

        if (finished)
        {
            var cursor = attempt.Event.Type == WebhookEvents.TicketChanged ? "last_ticket_event_id" : "last_alert_id";
            await using var command = new NpgsqlCommand(
                $"UPDATE webhooks SET {cursor} = $2 WHERE id = $1 AND {cursor} < $2", connection, transaction);
            command.Parameters.AddWithValue(attempt.WebhookId);
            command.Parameters.AddWithValue(attempt.Event.SourceId);
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>The retry that was planned when the webhook's last activation ended (silo death, restart), if any.</summary>
    public async Task<PendingRetry?> PendingRetryAsync(Guid webhookId)
    {
        await using var command = database.CreateCommand("""
            SELECT last.event_id, last.attempt, last.next_attempt_at,
                   (SELECT min(at) FROM webhook_deliveries d WHERE d.webhook_id = $1 AND d.event_id = last.event_id)
            FROM (SELECT event_id, attempt, next_attempt_at FROM webhook_deliveries
                  WHERE webhook_id = $1 ORDER BY id DESC LIMIT 1) last
            WHERE last.next_attempt_at IS NOT NULL
            """);
        command.Parameters.AddWithValue(webhookId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new PendingRetry(reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetFieldValue<DateTimeOffset>(2));
    }
}
