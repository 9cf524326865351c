using System.Globalization;

namespace Bengkulu112.Common;

/// <summary>API.md: times are ISO 8601 in UTC with a `Z` (`2026-11-28T21:40:11Z`), in responses, feeds and webhooks alike.</summary>
public static class UtcTimestamps
{
    public static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The instant in UTC to the microsecond, as PostgreSQL's timestamptz keeps it.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);
}
