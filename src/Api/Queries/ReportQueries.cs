using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Reports;
using Bengkulu112.Calls;
using Bengkulu112.Domain;
using Npgsql;

namespace Bengkulu112.Api.Queries;

/// <summary>
/// The figures of `GET /reports/summary`, aggregated in PostgreSQL from the columns of the `calls` and `tickets` read
/// models (never a grain's JSON) in one round trip (one batch of statements, each an index range scan of the period).
/// </summary>
/// <remarks>
/// <para>Calls count by `received_at`; `emergencies` are the period's calls classified `emergency` (the "13,746 calls,
/// 106 real emergencies" of SPEC.md §1 counts calls), by the category of the ticket each opened or joined.</para>
/// <para>`per_opd` counts the tickets created in the period by their primary OPD. Step times are measured from
/// `escalated_at` (the latest escalation) to `acknowledged_at`, `on_scene_at` and `resolved_at`, over the tickets that
/// reached that step after it; `sla_met_share` is the share of the OPD's escalated tickets without any breach.</para>
/// <para>Imported history (API.md "History import") is in the same columns and counts like live calls and tickets.</para>
/// </remarks>
public sealed class ReportQueries(NpgsqlDataSource database)
{
    /// <summary>How many numbers `top_prank_callers` lists (the LIMIT of its statement).</summary>
    public const int TopPrankCallers = 10;

    /// <summary>`by_weekday_hour` keys, ISO day 1 (Monday) to 7.</summary>
    public static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public async Task<ReportResponse> SummaryAsync(ReportRange range)
    {
        await using var batch = database.CreateBatch();
        foreach (var sql in new[] { CallsSql, CategoriesSql, OpdsSql, PrankCallersSql, CallerIdSql, WeekdayHourSql, ProcessingSql })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue(range.From);
            command.Parameters.AddWithValue(range.To);
            if (sql == WeekdayHourSql)
                command.Parameters.AddWithValue(range.TimeZone);
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync();

        var (byClassification, unclassified) = await ReadClassificationsAsync(reader);
        var total = byClassification.Values.Sum() + unclassified;

        await reader.NextResultAsync();
        var byCategory = Categories.All.ToDictionary(c => c.Code, _ => 0L);
        while (await reader.ReadAsync())
            byCategory[reader.GetString(0)] = reader.GetInt64(1);

        await reader.NextResultAsync();
        var opds = new List<ReportOpd>();
        while (await reader.ReadAsync())
        {
            opds.Add(new ReportOpd(reader.GetString(0), reader.GetInt64(1), Seconds(reader, 2), Seconds(reader, 3),
                Seconds(reader, 4), Seconds(reader, 5), Share(reader, 6), reader.GetInt64(7)));
        }

        await reader.NextResultAsync();
        var pranksters = new List<ReportPrankCaller>();
        while (await reader.ReadAsync())
            pranksters.Add(new ReportPrankCaller(reader.GetString(0), reader.GetInt64(1)));

        await reader.NextResultAsync();
        var byCallerId = Enum.GetValues<CallerId>().ToDictionary(CallerIdCodes.Code, _ => 0L);
        while (await reader.ReadAsync())
            byCallerId[reader.GetString(0)] = reader.GetInt64(1);

        await reader.NextResultAsync();
        var byWeekdayHour = Weekdays.ToDictionary(d => d, _ => new long[24]);
        while (await reader.ReadAsync())
            byWeekdayHour[Weekdays[reader.GetInt32(0) - 1]][reader.GetInt32(1)] = reader.GetInt64(2);

        await reader.NextResultAsync();
        await reader.ReadAsync();
        var processing = new ReportEmergencyProcessing(reader.GetInt64(0), reader.GetInt64(1), Seconds(reader, 2),
            Seconds(reader, 3), Seconds(reader, 4), Seconds(reader, 5), Share(reader, 6));

        var emergencies = byClassification[ClassificationCodes.Code(Classification.Emergency)];
        var pranks = byClassification[ClassificationCodes.Code(Classification.Prank)];
        return new ReportResponse(
            new ReportCalls(total, byClassification, Math.Round((double)total / range.Days, 2, MidpointRounding.AwayFromZero),
                unclassified, byCallerId, byWeekdayHour),
            new ReportEmergencies(emergencies, byCategory),
            total == 0 ? null : Share((double)pranks / total),
            opds, pranksters, range.From, range.To, range.TimeZone, range.Days, processing);
    }

    /// <summary>Reads `classification, count` rows: the six codes (zeros included) and the unclassified calls.</summary>
    internal static async Task<(Dictionary<string, long> ByClassification, long Unclassified)> ReadClassificationsAsync(
        NpgsqlDataReader reader)
    {
        var byClassification = Enum.GetValues<Classification>().ToDictionary(ClassificationCodes.Code, _ => 0L);
        long unclassified = 0;
        while (await reader.ReadAsync())
        {
            if (reader.IsDBNull(0))
                unclassified += reader.GetInt64(1);
            else
                byClassification[reader.GetString(0)] = reader.GetInt64(1);
        }
        return (byClassification, unclassified);
    }

    private static double? Seconds(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Math.Round(reader.GetDouble(ordinal), 1, MidpointRounding.AwayFromZero);

    internal static double? Share(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Share(reader.GetDouble(ordinal));

    internal static double? Share(double? share) =>
        share is { } s ? Math.Round(s, 4, MidpointRounding.AwayFromZero) : null;

    private const string CallsSql = """
        SELECT classification, count(*)
        FROM calls
        WHERE received_at >= $1 AND received_at < $2
        GROUP BY classification
        """;

    private const string CategoriesSql = """
        SELECT t.category, count(*)
        FROM calls c
        JOIN tickets t ON t.id = c.ticket_id
        WHERE c.received_at >= $1 AND c.received_at < $2 AND c.classification = 'emergency'
        GROUP BY t.category
        """;

    private const string OpdsSql = """
        WITH d AS (
            SELECT opd, escalated_at, breach_count,
                   extract(epoch FROM acknowledged_at - escalated_at)::float8 AS ack_s,
                   extract(epoch FROM on_scene_at - escalated_at)::float8 AS on_scene_s,
                   extract(epoch FROM resolved_at - escalated_at)::float8 AS resolve_s
            FROM tickets
            WHERE created_at >= $1 AND created_at < $2 AND opd IS NOT NULL
        )
        SELECT opd,
               count(*),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_s) FILTER (WHERE ack_s >= 0),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY ack_s) FILTER (WHERE ack_s >= 0),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY on_scene_s) FILTER (WHERE on_scene_s >= 0),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY resolve_s) FILTER (WHERE resolve_s >= 0),
               (count(*) FILTER (WHERE escalated_at IS NOT NULL AND breach_count = 0))::float8
                   / NULLIF(count(*) FILTER (WHERE escalated_at IS NOT NULL), 0),
               count(*) FILTER (WHERE escalated_at IS NOT NULL)
        FROM d
        GROUP BY opd
        ORDER BY opd
        """;

    private const string PrankCallersSql = """
        SELECT caller_number, count(*) AS prank_calls
        FROM calls
        WHERE received_at >= $1 AND received_at < $2 AND classification = 'prank' AND caller_number IS NOT NULL
        GROUP BY caller_number
        ORDER BY prank_calls DESC, caller_number
        LIMIT 10
        """;

    private const string CallerIdSql = """
        SELECT caller_id, count(*)
        FROM calls
        WHERE received_at >= $1 AND received_at < $2
        GROUP BY caller_id
        """;

    private const string WeekdayHourSql = """
        SELECT extract(isodow FROM received_at AT TIME ZONE $3)::int, extract(hour FROM received_at AT TIME ZONE $3)::int,
               count(*)
        FROM calls
        WHERE received_at >= $1 AND received_at < $2
        GROUP BY 1, 2
        """;

    /// <summary>Emergency calls that opened a ticket: seconds to classification and to the ticket's first escalation.</summary>
    private const string ProcessingSql = """
        WITH p AS (
            SELECT extract(epoch FROM c.classified_at - c.received_at)::float8 AS classified_s,
                   extract(epoch FROM t.first_escalated_at - c.received_at)::float8 AS escalated_s
            FROM calls c
            JOIN tickets t ON t.id = c.ticket_id
            WHERE c.received_at >= $1 AND c.received_at < $2 AND c.classification = 'emergency' AND c.opened_ticket
        )
        SELECT count(*),
               count(*) FILTER (WHERE escalated_s >= 0),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY classified_s) FILTER (WHERE classified_s >= 0),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY classified_s) FILTER (WHERE classified_s >= 0),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY escalated_s) FILTER (WHERE escalated_s >= 0),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY escalated_s) FILTER (WHERE escalated_s >= 0),
               (count(*) FILTER (WHERE escalated_s >= 0 AND escalated_s <= 60))::float8
                   / NULLIF(count(*) FILTER (WHERE escalated_s >= 0), 0)
        FROM p
        """;
}
