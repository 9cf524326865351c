using Bengkulu112.Api.Contracts;

namespace Bengkulu112.Api.Reports;

/// <summary>
/// The buckets of a report series as local times of the report time zone, the way PostgreSQL's `date_trunc` names them
/// (day: midnight; week: Monday midnight, ISO; month: the 1st at midnight): every bucket that meets the period.
/// </summary>
public static class ReportBuckets
{
    public static IEnumerable<DateTime> Starts(ReportRange range, ReportBucket bucket, TimeZoneInfo zone)
    {
        var first = Truncate(TimeZoneInfo.ConvertTime(range.From, zone).DateTime, bucket);
        var last = TimeZoneInfo.ConvertTime(range.To.AddTicks(-1), zone).DateTime;
        for (var start = first; start <= last; start = Next(start, bucket))
            yield return start;
    }

    public static DateTime Truncate(DateTime local, ReportBucket bucket) => bucket switch
    {
        ReportBucket.Day => local.Date,
        ReportBucket.Week => local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)),
        _ => new DateTime(local.Year, local.Month, 1),
    };

    private static DateTime Next(DateTime start, ReportBucket bucket) => bucket switch
    {
        ReportBucket.Day => start.AddDays(1),
        ReportBucket.Week => start.AddDays(7),
        _ => start.AddMonths(1),
    };

    /// <summary>The instant a local bucket start of <paramref name="zone"/> is.</summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
