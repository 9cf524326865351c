namespace Bengkulu112.Api.Contracts;

/// <summary>
/// `GET /reports/summary` (API.md *Reports*). The contract's fields come first; <c>from</c>, <c>to</c>, <c>time_zone</c>
/// and <c>days</c> say which period the figures cover.
/// </summary>
public sealed record ReportResponse(
    ReportCalls Calls,
    ReportEmergencies Emergencies,
    double? PrankShare,
    IReadOnlyList<ReportOpd> PerOpd,
    IReadOnlyList<ReportPrankCaller> TopPrankCallers,
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    int Days,
    ReportEmergencyProcessing EmergencyProcessing);

/// <summary>
/// Calls received in the period; <c>by_classification</c> has all six codes, <c>unclassified</c> the rest;
/// <c>by_caller_id</c> has `present`, `withheld` and `unavailable`; <c>by_weekday_hour</c> has the seven days `monday`
/// … `sunday`, each 24 counts (hour 0 to 23 of the report time zone), for staffing.
/// </summary>
public sealed record ReportCalls(
    long Total,
    IReadOnlyDictionary<string, long> ByClassification,
    double PerDayAvg,
    long Unclassified,
    IReadOnlyDictionary<string, long> ByCallerId,
    IReadOnlyDictionary<string, long[]> ByWeekdayHour);

/// <summary>
/// How fast emergency calls became tickets sent to an OPD (call processing, NFPA 1225 style): over the period's
/// emergency calls that opened a ticket, seconds from `received_at` to classification and to the ticket's first
/// escalation (p50, p90; null without data), and the share of the escalated ones escalated within 60 s.
/// </summary>
public sealed record ReportEmergencyProcessing(
    long Calls,
    long Escalated,
    double? ClassifiedP50S,
    double? ClassifiedP90S,
    double? EscalatedP50S,
    double? EscalatedP90S,
    [property: System.Text.Json.Serialization.JsonPropertyName("escalated_within_60s_share")] double? EscalatedWithin60sShare);

/// <summary>Calls classified `emergency`, and the categories of the tickets they opened or joined.</summary>
public sealed record ReportEmergencies(long Total, IReadOnlyDictionary<string, long> ByCategory);

/// <summary>Tickets created in the period whose primary OPD this is; times in seconds from escalation, null without data.</summary>
public sealed record ReportOpd(
    string Opd,
    long Tickets,
    double? AckP50S,
    double? AckP90S,
    double? OnSceneP50S,
    double? ResolveP50S,
    double? SlaMetShare,
    long Escalated);

public sealed record ReportPrankCaller(string CallerNumber, long PrankCalls);
