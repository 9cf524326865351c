using System.Globalization;
using System.Text.RegularExpressions;
using Bengkulu112.Common;

namespace Bengkulu112.Api.Reports;

/// <summary>
/// The period of `GET /reports/summary?from=&amp;to=`: the instants [<see cref="From"/>, <see cref="To"/>), and how many
/// calendar days of the report time zone it touches (<see cref="Days"/>, what `per_day_avg` divides by).
/// </summary>
/// <remarks>
/// `from` and `to` are each either a date (`2024-01-01`: a whole day in the report time zone; `to` is inclusive, so
/// `from=2024-01-01&amp;to=2024-12-31` is the year 2024 in WIB) or an ISO 8601 time (`2024-01-01T00:00:00Z`, exact and
/// exclusive for `to`; without an offset it is read in the report time zone). With neither, the period is the current
/// year in the report time zone up to now. Giving only one of them is refused, as is `from` not before `to` or a period
/// longer than <see cref="MaxYears"/> years.
/// </remarks>
public sealed partial record ReportRange(DateTimeOffset From, DateTimeOffset To, int Days, string TimeZone)
{
    public const int MaxYears = 5;

    public static ReportRange? Parse(IQueryCollection query, TimeZoneInfo zone, DateTimeOffset now, FieldErrors errors)
    {
        var fromText = One(query, "from");
        var toText = One(query, "to");
        DateTimeOffset from, to;
        if (fromText is null && toText is null)
        {
            var today = TimeZoneInfo.ConvertTime(now, zone);
            from = StartOfDay(new DateOnly(today.Year, 1, 1), zone);
            to = now;
        }
        else
        {
            if (fromText is null)
                errors.Add("from", "is required when to is given");
            if (toText is null)
                errors.Add("to", "is required when from is given");
            var parsedFrom = fromText is null ? null : Bound(fromText, "from", inclusiveEnd: false, zone, errors);
            var parsedTo = toText is null ? null : Bound(toText, "to", inclusiveEnd: true, zone, errors);
            if (parsedFrom is not { } f || parsedTo is not { } t)
                return null;
            (from, to) = (f, t);
        }

        if (from >= to)
            errors.Add("to", "must be after from");
        else if (to > TimeZoneInfo.ConvertTime(from, zone).AddYears(MaxYears))
            errors.Add("to", $"the period may be at most {MaxYears} years long");
        if (!errors.IsEmpty)
            return null;

        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to.AddTicks(-1), zone).DateTime);
        return new ReportRange(from.ToUniversalTime(), to.ToUniversalTime(), lastDay.DayNumber - firstDay.DayNumber + 1, zone.Id);
    }

    /// <summary>A date is the start of that day (`from`) or the start of the next day (`to`, inclusive of its day).</summary>
    private static DateTimeOffset? Bound(string text, string field, bool inclusiveEnd, TimeZoneInfo zone, FieldErrors errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (inclusiveEnd && date == DateOnly.MaxValue)
                return Invalid(field, errors);
            return StartOfDay(inclusiveEnd ? date.AddDays(1) : date, zone);
        }
        if (HasOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant;
        if (!HasOffset().IsMatch(text)
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && text.Contains('T'))
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
        return Invalid(field, errors);
    }

    private static DateTimeOffset? Invalid(string field, FieldErrors errors)
    {
        errors.Add(field, "must be a date (2024-01-31) or an ISO 8601 time (2024-01-31T17:00:00Z)");
        return null;
    }

    private static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    private static string? One(IQueryCollection query, string name) =>
        query[name] is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v[^1]) ? v[^1]!.Trim() : null;

    [GeneratedRegex(@"(Z|z|[+-]\d{2}(:?\d{2})?)$")]
    private static partial Regex HasOffset();
}
