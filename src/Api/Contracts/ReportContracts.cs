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
    int Days);

/// <summary>Calls received in the period; <c>by_classification</c> has all six codes, <c>unclassified</c> the rest.</summary>
public sealed record ReportCalls(long Total, IReadOnlyDictionary<string, long> ByClassification, double PerDayAvg, long Unclassified);

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
