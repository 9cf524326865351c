namespace Bengkulu112.Api.Contracts;

/// <summary>`GET /reports/series` (API.md "Report series"): one item per bucket of the period, zeros included.</summary>
public sealed record ReportSeriesResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string Bucket,
    IReadOnlyList<ReportSeriesItem> Items);

/// <summary>
/// One bucket: <c>start</c> is the bucket's first instant in the report time zone (a day, an ISO week from Monday, or a
/// month), given in UTC; calls count by received time, tickets by creation time; <c>sla_met_share</c> is the share of
/// the bucket's escalated tickets without a breach (null when none was escalated).
/// </summary>
public sealed record ReportSeriesItem(
    DateTimeOffset Start,
    ReportSeriesCalls Calls,
    long Emergencies,
    long Tickets,
    long Escalated,
    double? SlaMetShare);

public sealed record ReportSeriesCalls(long Total, IReadOnlyDictionary<string, long> ByClassification);

/// <summary>The bucket sizes of `?bucket=`.</summary>
public enum ReportBucket
{
    Day,
    Week,
    Month,
}
