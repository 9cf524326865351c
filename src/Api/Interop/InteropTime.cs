using System.Globalization;

namespace Bengkulu112.Api.Interop;

/// <summary>Times as the standards want them: in the center's zone with its numeric offset, never `Z`.</summary>
public static class InteropTime
{
    /// <summary>RFC 3339 with milliseconds and the zone's offset (EIDO `date-time` members).</summary>
    public static string Eido(DateTimeOffset at, TimeZoneInfo zone) =>
        Local(at, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// CAP 1.2 `DateTime`: whole seconds and a numeric offset (`2026-12-03T14:05:09+07:00`); UTC is written `-00:00`, as
    /// CAP requires. Fractions are cut, never rounded, so a message and a reference to it name the same second.
    /// </summary>
    public static string Cap(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = Local(Truncate(at), zone);
        var text = local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        return local.Offset == TimeSpan.Zero ? text[..^6] + "-00:00" : text;
    }

    public static DateTimeOffset Truncate(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, at.Offset);

    private static DateTimeOffset Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);
}
