using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Reports;
using Bengkulu112.Calls;
using Bengkulu112.Domain;
using Npgsql;

namespace Bengkulu112.Api.Queries;

/// <summary>
/// The figures of `GET /reports/summary`, aggregated in PostgreSQL from the `calls` and `tickets` read models in one
/// round trip (four statements of one batch, each an index range scan of the period).
/// </summary>
/// <remarks>
/// <para>Calls count by `received_at`; `emergencies` are the period's calls classified `emergency` (the "13,746 calls,
/// 106 real emergencies" of SPEC.md §1 counts calls), by the category of the ticket each opened or joined.</para>
/// <para>`per_opd` counts the tickets created in the period by their primary OPD. Step times are measured from
/// `escalated_at` (the latest escalation) to `acknowledged_at`, `on_scene_at` and `resolved_at`, over the tickets that
/// reached that step after it; `sla_met_share` is the share of the OPD's escalated tickets without any breach.</para>
/// </remarks>
public sealed class ReportQueries(NpgsqlDataSource database)
{
    /// <summary>How many numbers `top_prank_callers` lists (the LIMIT of its statement).</summary>
    public const int TopPrankCallers = 10;

    public async Task<ReportResponse> SummaryAsync(ReportRange range)
    {
        await using var batch = database.CreateBatch();
        foreach (var sql in new[] { CallsSql, CategoriesSql, OpdsSql, PrankCallersSql })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue(range.From);
            command.Parameters.AddWithValue(range.To);
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync();

        var byClassification = Enum.GetValues<Classification>().ToDictionary(ClassificationCodes.Code, _ => 0L);
        long unclassified = 0;
        while (await reader.ReadAsync())
        {
            if (reader.IsDBNull(0))
                unclassified += reader.GetInt64(1);
            else
                byClassification[reader.GetString(0)] = reader.GetInt64(1);
        }
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
                Seconds(reader, 4), Seconds(reader, 5), Share(reader.IsDBNull(6) ? null : reader.GetDouble(6)),
                reader.GetInt64(7)));
        }

        await reader.NextResultAsync();
        var pranksters = new List<ReportPrankCaller>();
        while (await reader.ReadAsync())
            pranksters.Add(new ReportPrankCaller(reader.GetString(0), reader.GetInt64(1)));

        var emergencies = byClassification[ClassificationCodes.Code(Classification.Emergency)];
        var pranks = byClassification[ClassificationCodes.Code(Classification.Prank)];
        return new ReportResponse(
            new ReportCalls(total, byClassification, Math.Round((double)total / range.Days, 2, MidpointRounding.AwayFromZero), unclassified),
            new ReportEmergencies(emergencies, byCategory),
            total == 0 ? null : Share((double)pranks / total),
            opds, pranksters, range.From, range.To, range.TimeZone, range.Days);
    }

    private static double? Seconds(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Math.Round(reader.GetDouble(ordinal), 1, MidpointRounding.AwayFromZero);

    private static double? Share(double? share) =>
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
        WITH t AS (
            SELECT opd,
                   (state ->> 'escalated_at')::timestamptz AS escalated_at,
                   (state ->> 'acknowledged_at')::timestamptz AS acknowledged_at,
                   (state ->> 'on_scene_at')::timestamptz AS on_scene_at,
                   (state ->> 'resolved_at')::timestamptz AS resolved_at,
                   COALESCE(jsonb_array_length(state -> 'breaches'), 0) AS breaches
            FROM tickets
            WHERE created_at >= $1 AND created_at < $2 AND opd IS NOT NULL
        ), d AS (
            SELECT opd, escalated_at, breaches,
                   extract(epoch FROM acknowledged_at - escalated_at)::float8 AS ack_s,
                   extract(epoch FROM on_scene_at - escalated_at)::float8 AS on_scene_s,
                   extract(epoch FROM resolved_at - escalated_at)::float8 AS resolve_s
            FROM t
        )
        SELECT opd,
               count(*),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_s) FILTER (WHERE ack_s >= 0),
               percentile_cont(0.9) WITHIN GROUP (ORDER BY ack_s) FILTER (WHERE ack_s >= 0),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY on_scene_s) FILTER (WHERE on_scene_s >= 0),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY resolve_s) FILTER (WHERE resolve_s >= 0),
               (count(*) FILTER (WHERE escalated_at IS NOT NULL AND breaches = 0))::float8
                   / NULLIF(count(*) FILTER (WHERE escalated_at IS NOT NULL), 0),
               count(*) FILTER (WHERE escalated_at IS NOT NULL)
        FROM d
        GROUP BY opd
        ORDER BY opd
        """;

    private const string PrankCallersSql = """
        SELECT caller_number, count(*) AS prank_calls
        FROM calls
        WHERE received_at >= $1 AND received_at < $2 AND classification = 'prank'
        GROUP BY caller_number
        ORDER BY prank_calls DESC, caller_number
        LIMIT 10
        """;
}
