using System.Globalization;
using Bengkulu112.Api.Contracts;
using Npgsql;

namespace Bengkulu112.Api.Queries;

/// <summary>Webhooks and their delivery log, read from PostgreSQL (the webhook grains write them). Deleted webhooks are not shown.</summary>
public sealed class WebhookQueries(NpgsqlDataSource database)
{
    private const string Columns = "id, url, events, opd, created_at, previous_secret_until";

    /// <summary>Live webhooks, newest first; the cursor is the last row's (created_at, id), as for tickets.</summary>
    public async Task<Page<WebhookResponse>> ListAsync(int limit, TicketCursor? after)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM webhooks
            WHERE deleted_at IS NULL AND ($1::timestamptz IS NULL OR (created_at, id) < ($1, $2))
            ORDER BY created_at DESC, id DESC
            LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.CreatedAt ?? DBNull.Value, DataTypeName = "timestamptz" });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.Id ?? DBNull.Value, DataTypeName = "uuid" });
        command.Parameters.AddWithValue(limit + 1);
        var items = new List<WebhookResponse>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            items.Add(ReadWebhook(reader));
        return PageOf(items, limit, last => new TicketCursor(last.CreatedAt, last.Id).ToString());
    }

    public async Task<WebhookResponse?> GetAsync(Guid id)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM webhooks WHERE id = $1 AND deleted_at IS NULL");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadWebhook(reader) : null;
    }

    /// <summary>Attempts newest first; the cursor is the last attempt's id.</summary>
    public async Task<Page<WebhookDeliveryResponse>> DeliveriesAsync(Guid webhookId, int limit, long? before)
    {
        await using var command = database.CreateCommand("""
            SELECT id, event_type, event_id, attempt, status_code, error, duration_ms, at, next_attempt_at, delivered
            FROM webhook_deliveries
            WHERE webhook_id = $1 AND id < $2
            ORDER BY id DESC
            LIMIT $3
            """);
        command.Parameters.AddWithValue(webhookId);
        command.Parameters.AddWithValue(before ?? long.MaxValue);
        command.Parameters.AddWithValue(limit + 1);
        var items = new List<WebhookDeliveryResponse>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            items.Add(new WebhookDeliveryResponse(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.GetBoolean(9)));
        }
        return PageOf(items, limit, last => last.Id.ToString(CultureInfo.InvariantCulture));
    }

    private static WebhookResponse ReadWebhook(NpgsqlDataReader reader) => new(reader.GetGuid(0), reader.GetString(1),
        reader.GetFieldValue<string[]>(2), reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));

    /// <summary>Rows were read one past <paramref name="limit"/>: if that extra row came, there is a next page.</summary>
    private static Page<T> PageOf<T>(List<T> items, int limit, Func<T, string> cursorOf)
    {
        if (items.Count <= limit)
            return new Page<T>(items, null);
        items.RemoveAt(items.Count - 1);
        return new Page<T>(items, cursorOf(items[^1]));
    }
}
