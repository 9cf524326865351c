using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Reports;
using Bengkulu112.Calls;
using Npgsql;

namespace Bengkulu112.Api.Queries;

/// <summary>
/// `GET /reports/series`: the period cut into days, ISO weeks or months of the report time zone, every bucket present.
/// Two statements of one batch over the `calls` and `tickets` columns; the buckets themselves are laid out here, so a
/// bucket without any call or ticket is there with zeros.
/// </summary>
public sealed class ReportSeriesQueries(NpgsqlDataSource database)
{
    public async Task<ReportSeriesResponse> SeriesAsync(ReportRange range, ReportBucket bucket, TimeZoneInfo zone)
    {
        var unit = bucket.ToString().ToLowerInvariant();
        await using var batch = database.CreateBatch();
        foreach (var sql in new[] { CallsSql, TicketsSql })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue(range.From);
            command.Parameters.AddWithValue(range.To);
            command.Parameters.AddWithValue(unit);
            command.Parameters.AddWithValue(range.TimeZone);
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync();

        var calls = new Dictionary<DateTime, Dictionary<string, long>>();
        var unclassified = new Dictionary<DateTime, long>();
        while (await reader.ReadAsync())
        {
            var start = reader.GetDateTime(0);
            if (reader.IsDBNull(1))
            {
                unclassified[start] = unclassified.GetValueOrDefault(start) + reader.GetInt64(2);
                continue;
            }
            if (!calls.TryGetValue(start, out var counts))
                calls[start] = counts = [];
            counts[reader.GetString(1)] = reader.GetInt64(2);
        }

        await reader.NextResultAsync();
        var tickets = new Dictionary<DateTime, (long Tickets, long Escalated, long Met)>();
        while (await reader.ReadAsync())
            tickets[reader.GetDateTime(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));

        var items = new List<ReportSeriesItem>();
        foreach (var start in ReportBuckets.Starts(range, bucket, zone))
        {
            var byClassification = Enum.GetValues<Classification>()
                .ToDictionary(ClassificationCodes.Code, c => calls.GetValueOrDefault(start)?.GetValueOrDefault(ClassificationCodes.Code(c)) ?? 0L);
            var total = byClassification.Values.Sum() + unclassified.GetValueOrDefault(start);
            var (ticketCount, escalated, met) = tickets.GetValueOrDefault(start);
            items.Add(new ReportSeriesItem(ReportBuckets.ToUtc(start, zone), new ReportSeriesCalls(total, byClassification),
                byClassification[ClassificationCodes.Code(Classification.Emergency)], ticketCount, escalated,
                escalated == 0 ? null : ReportQueries.Share((double)met / escalated)));
        }
        return new ReportSeriesResponse(range.From, range.To, range.TimeZone, unit, items);
    }

    private const string CallsSql = """
        SELECT date_trunc($3, received_at AT TIME ZONE $4), classification, count(*)
        FROM calls
        WHERE received_at >= $1 AND received_at < $2
        GROUP BY 1, 2
        """;

    private const string TicketsSql = """
        SELECT date_trunc($3, created_at AT TIME ZONE $4),
               count(*),
               count(*) FILTER (WHERE escalated_at IS NOT NULL),
               count(*) FILTER (WHERE escalated_at IS NOT NULL AND breach_count = 0)
        FROM tickets
        WHERE created_at >= $1 AND created_at < $2
        GROUP BY 1
        """;
}
