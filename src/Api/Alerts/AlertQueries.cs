using Bengkulu112.Alerts;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Streaming;
using Npgsql;

namespace Bengkulu112.Api.Alerts;

/// <summary>
/// Reads the `alerts` table, which the ticket grains fill when a deadline passes (one row per alert, deduplicated
/// there): the list of `GET /alerts` and the `alert.raised` feed.
/// </summary>
public sealed class AlertQueries(NpgsqlDataSource database)
{
    public async Task<Page<AlertResponse>> ListAsync(AlertListFilter filter)
    {
        var status = filter.Status switch
        {
            AlertListFilter.Open => "acknowledged_at IS NULL",
            AlertListFilter.Acknowledged => "acknowledged_at IS NOT NULL",
            _ => "true",
        };
        await using var command = database.CreateCommand(
            $"SELECT {AlertRows.Columns} FROM alerts WHERE {status} AND id < $1 ORDER BY id DESC LIMIT $2");
        command.Parameters.AddWithValue(filter.After?.Id ?? long.MaxValue);
        command.Parameters.AddWithValue(filter.Limit + 1);
        var items = await AlertRows.ReadAllAsync(command, CancellationToken.None);
        string? next = null;
        if (items.Count > filter.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = new AlertCursor(items[^1].Id).ToString();
        }
        return new Page<AlertResponse>(items, next);
    }

    /// <summary>The alerts raised after <paramref name="after"/>, oldest first: the `alert.raised` feed.</summary>
    public async Task<IReadOnlyList<FeedEvent<AlertResponse>>> AfterAsync(long after, int limit, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"SELECT {AlertRows.Columns} FROM alerts WHERE id > $1 ORDER BY id LIMIT $2");
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(limit);
        return [.. (await AlertRows.ReadAllAsync(command, ct)).Select(a => new FeedEvent<AlertResponse>(a.Id, a))];
    }

    public Task<long> LatestIdAsync(CancellationToken ct) => EventTables.LatestIdAsync(database, "alerts", ct);
}
