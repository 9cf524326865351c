using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Streaming;
using Npgsql;

namespace Bengkulu112.Api.Queries;

/// <summary>
/// The `alerts` table, which the ticket grains fill when a deadline passes (one row per alert, deduplicated there).
/// The API only lists, acknowledges and streams them.
/// </summary>
public sealed class AlertQueries(NpgsqlDataSource database)
{
    private const string Columns =
        "id, kind, ticket_id, ticket_number, opd, deadline, due_at, raised_at, acknowledged_by, acknowledged_at, acknowledged_by_name";

    public async Task<Page<AlertResponse>> ListAsync(AlertListFilter filter)
    {
        var status = filter.Status switch
        {
            AlertListFilter.Open => "acknowledged_at IS NULL",
            AlertListFilter.Acknowledged => "acknowledged_at IS NOT NULL",
            _ => "true",
        };
        await using var command = database.CreateCommand(
            $"SELECT {Columns} FROM alerts WHERE {status} AND id < $1 ORDER BY id DESC LIMIT $2");
        command.Parameters.AddWithValue(filter.After?.Id ?? long.MaxValue);
        command.Parameters.AddWithValue(filter.Limit + 1);
        var items = await ReadAllAsync(command, CancellationToken.None);
        string? next = null;
        if (items.Count > filter.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = new AlertCursor(items[^1].Id).ToString();
        }
        return new Page<AlertResponse>(items, next);
    }

    /// <summary>
    /// Records the first acknowledgement only: a repeat (or a race between two supervisors) leaves the first one in
    /// place and answers it. Null when there is no such alert.
    /// </summary>
    public async Task<AlertResponse?> AcknowledgeAsync(long id, string actor, string? actorName, DateTimeOffset at)
    {
        await using (var update = database.CreateCommand("""
            UPDATE alerts SET acknowledged_by = $2, acknowledged_at = $3, acknowledged_by_name = $4
            WHERE id = $1 AND acknowledged_at IS NULL
            """))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(actor);
            update.Parameters.AddWithValue(at);
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)actorName ?? DBNull.Value });
            await update.ExecuteNonQueryAsync();
        }
        await using var read = database.CreateCommand($"SELECT {Columns} FROM alerts WHERE id = $1");
        read.Parameters.AddWithValue(id);
        return (await ReadAllAsync(read, CancellationToken.None)).SingleOrDefault();
    }

    /// <summary>The alerts raised after <paramref name="after"/>, oldest first: the `alert.raised` feed.</summary>
    public async Task<IReadOnlyList<FeedEvent<AlertResponse>>> AfterAsync(long after, int limit, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM alerts WHERE id > $1 ORDER BY id LIMIT $2");
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(limit);
        return [.. (await ReadAllAsync(command, ct)).Select(a => new FeedEvent<AlertResponse>(a.Id, a))];
    }

    public Task<long> LatestIdAsync(CancellationToken ct) => EventTables.LatestIdAsync(database, "alerts", ct);

    private static async Task<List<AlertResponse>> ReadAllAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var alerts = new List<AlertResponse>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            alerts.Add(new AlertResponse(
                reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }
        return alerts;
    }
}
