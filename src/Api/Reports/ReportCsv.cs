using System.Globalization;
using System.Text;
using Bengkulu112.Api.Contracts;

namespace Bengkulu112.Api.Reports;

/// <summary>
/// The summary as CSV (`Accept: text/csv`): a header `section,key,value`, then one row per figure, in the order of the
/// JSON. <c>section</c> is where the figure sits in the JSON (`calls`, `calls.by_classification`,
/// `emergencies.by_category`, `report` for the top level, `per_opd.&lt;code&gt;`, `top_prank_callers`), <c>key</c> its name
/// (for top prank callers the number, most pranks first), <c>value</c> the number; null is an empty value. Times are
/// ISO 8601 UTC, numbers use a dot.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write(ReportResponse report)
    {
        var csv = new StringBuilder("section,key,value\n");
        void Row(string section, string key, object? value) =>
            csv.Append(Field(section)).Append(',').Append(Field(key)).Append(',').Append(Field(Format(value))).Append('\n');

        Row("calls", "total", report.Calls.Total);
        foreach (var (code, count) in report.Calls.ByClassification)
            Row("calls.by_classification", code, count);
        Row("calls", "per_day_avg", report.Calls.PerDayAvg);
        Row("calls", "unclassified", report.Calls.Unclassified);
        foreach (var (code, count) in report.Calls.ByCallerId)
            Row("calls.by_caller_id", code, count);
        foreach (var (day, hours) in report.Calls.ByWeekdayHour)
        {
            for (var hour = 0; hour < hours.Length; hour++)
                Row("calls.by_weekday_hour." + day, hour.ToString(CultureInfo.InvariantCulture), hours[hour]);
        }
        Row("emergencies", "total", report.Emergencies.Total);
        foreach (var (category, count) in report.Emergencies.ByCategory)
            Row("emergencies.by_category", category, count);
        Row("report", "prank_share", report.PrankShare);
        var processing = report.EmergencyProcessing;
        Row("emergency_processing", "calls", processing.Calls);
        Row("emergency_processing", "escalated", processing.Escalated);
        Row("emergency_processing", "classified_p50_s", processing.ClassifiedP50S);
        Row("emergency_processing", "classified_p90_s", processing.ClassifiedP90S);
        Row("emergency_processing", "escalated_p50_s", processing.EscalatedP50S);
        Row("emergency_processing", "escalated_p90_s", processing.EscalatedP90S);
        Row("emergency_processing", "escalated_within_60s_share", processing.EscalatedWithin60sShare);
        foreach (var opd in report.PerOpd)
        {
            var section = "per_opd." + opd.Opd;
            Row(section, "tickets", opd.Tickets);
            Row(section, "ack_p50_s", opd.AckP50S);
            Row(section, "ack_p90_s", opd.AckP90S);
            Row(section, "on_scene_p50_s", opd.OnSceneP50S);
            Row(section, "resolve_p50_s", opd.ResolveP50S);
            Row(section, "sla_met_share", opd.SlaMetShare);
            Row(section, "escalated", opd.Escalated);
        }
        foreach (var caller in report.TopPrankCallers)
            Row("top_prank_callers", caller.CallerNumber, caller.PrankCalls);
        Row("report", "from", report.From);
        Row("report", "to", report.To);
        Row("report", "time_zone", report.TimeZone);
        Row("report", "days", report.Days);
        return csv.ToString();
    }

    /// <summary>
    /// The series as CSV: one row per bucket, `start` (ISO 8601 UTC), `calls`, one column per classification,
    /// `emergencies`, `tickets`, `escalated`, `sla_met_share` (empty when null).
    /// </summary>
    public static string Write(ReportSeriesResponse series)
    {
        var codes = Enum.GetValues<Bengkulu112.Calls.Classification>().Select(Bengkulu112.Calls.ClassificationCodes.Code).ToList();
        var csv = new StringBuilder("start,calls,").Append(string.Join(',', codes))
            .Append(",emergencies,tickets,escalated,sla_met_share\n");
        foreach (var item in series.Items)
        {
            csv.Append(Format(item.Start)).Append(',').Append(Format(item.Calls.Total));
            foreach (var code in codes)
                csv.Append(',').Append(Format(item.Calls.ByClassification[code]));
            csv.Append(',').Append(Format(item.Emergencies)).Append(',').Append(Format(item.Tickets))
                .Append(',').Append(Format(item.Escalated)).Append(',').Append(Format(item.SlaMetShare)).Append('\n');
        }
        return csv.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>RFC 4180 quoting where a field needs it (OPD codes and numbers never do; kept for safety).</summary>
    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";
}
