using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Bengkulu112.Callers;
using Bengkulu112.Calls;
using Bengkulu112.Common;
using Bengkulu112.Domain;
using Bengkulu112.Routing;
using Bengkulu112.Tickets;

namespace Bengkulu112.Imports;

/// <summary>What the rows of one import are checked against: the OPD directory, routing, the clock, the time zone.</summary>
public sealed record ImportContext(
    IReadOnlySet<string> OpdCodes,
    IReadOnlyDictionary<string, RoutingRule> Routing,
    DateTimeOffset Now,
    TimeZoneInfo Zone);

/// <summary>
/// The checks of one import row (API.md "History import"), free of grain and storage: each field parsed and checked,
/// the ticket times in order, nothing from the future. A row with any error is refused whole, every error listed.
/// </summary>
public static partial class ImportRowRules
{
    /// <summary>How far ahead of the server's clock a time may be (the spreadsheet's clock may drift a little).</summary>
    public static readonly TimeSpan MaxClockAhead = TimeSpan.FromMinutes(5);

    public const int MaxTextLength = TicketDraftValidator.MaxDescriptionLength;

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
    ];

    public static (ImportRecord? Record, IReadOnlyList<ImportRowError> Errors) Check(ImportCsvRow row, ImportContext context)
    {
        var errors = new List<ImportRowError>();
        void Error(string field, string message) => errors.Add(new ImportRowError(row.Line, field, message));
        string? Field(string column) => row.Fields.GetValueOrDefault(column);

        if (row.ShapeError is { } shape)
        {
            Error("row", shape);
            return (null, errors);
        }

        DateTimeOffset? Time(string column)
        {
            if (Field(column) is not { } text)
                return null;
            if (ParseTime(text, context.Zone) is not { } time)
            {
                Error(column, "must be an ISO 8601 time (2024-03-05T19:40:00, read in Asia/Jakarta without an offset)");
                return null;
            }
            if (time > context.Now + MaxClockAhead)
                Error(column, "is in the future");
            return time;
        }

        var receivedAt = Time(ImportColumns.ReceivedAt);
        if (Field(ImportColumns.ReceivedAt) is null)
            Error(ImportColumns.ReceivedAt, "is required");

        var (callerNumber, callerId) = Caller(Field(ImportColumns.CallerNumber), Field(ImportColumns.CallerId), Error);
        var channel = Code<Channel>(Field(ImportColumns.Channel), Channel.Voice, ImportColumns.Channel, Error);
        var classification = Field(ImportColumns.Classification) is null
            ? Fail<Classification>(() => Error(ImportColumns.Classification, "is required"))
            : Code<Classification>(Field(ImportColumns.Classification), null, ImportColumns.Classification, Error);

        var category = Field(ImportColumns.Category);
        if (category is not null && !Categories.IsKnown(category))
            Error(ImportColumns.Category, "must be one of " + string.Join(", ", Categories.All.Select(c => c.Code)));
        else if (category is not null && classification is not null && classification != Classification.Emergency)
            Error(ImportColumns.Category, "only an emergency has a category");

        var opd = Field(ImportColumns.Opd);
        if (opd is not null && !context.OpdCodes.Contains(opd))
            Error(ImportColumns.Opd, $"no OPD with code '{opd}'");
        else if (opd is not null && category is null)
            Error(ImportColumns.Opd, "only an emergency with a category goes to an OPD");
        else if (opd is null && category is not null && context.Routing.GetValueOrDefault(category)?.PrimaryOpd is null)
            Error(ImportColumns.Opd, $"is required: category '{category}' has no primary OPD");

        var description = Text(Field(ImportColumns.Description), ImportColumns.Description, MaxTextLength, Error);
        var note = Text(Field(ImportColumns.Note), ImportColumns.Note, MaxTextLength, Error);
        var location = Place(row, Error);

        var steps = ImportColumns.Steps.Select(Time).ToArray();
        var cancelledAt = Time(ImportColumns.CancelledAt);
        StepOrder(receivedAt, steps, cancelledAt, category is not null, Error);

        if (errors.Count > 0)
            return (null, errors);
        var record = new ImportRecord(row.Line, "", receivedAt!.Value, callerNumber, callerId, channel!.Value,
            classification!.Value, category, description, location, opd, steps[0], steps[1], steps[2], steps[3], steps[4],
            cancelledAt, note);
        return (record with { Key = KeyOf(record) }, errors);
    }

    /// <summary>A number and `present` (the default with a number), or no number and `withheld`/`unavailable`.</summary>
    private static (string? Number, CallerId Id) Caller(string? numberText, string? idText, Action<string, string> error)
    {
        var id = CallerId.Present;
        if (idText is not null && !CallerIdCodes.TryParse(idText, out id))
        {
            error(ImportColumns.CallerId, "must be present, withheld or unavailable");
            return (null, CallerId.Present);
        }
        if (numberText is null)
        {
            if (id == CallerId.Present)
                error(ImportColumns.CallerNumber, "is required, or caller_id withheld or unavailable for a call without a number");
            return (null, id);
        }
        if (id != CallerId.Present)
        {
            error(ImportColumns.CallerId, $"must be present (or empty) when caller_number is given, not {CallerIdCodes.Code(id)}");
            return (null, id);
        }
        var number = PhoneNumber.TryNormalize(numberText, out var numberError);
        if (number is null)
            error(ImportColumns.CallerNumber, numberError ?? "is not a phone number");
        return (number, id);
    }

    /// <summary>Every ticket time needs a ticket; steps follow the call and each other; a ticket is closed or cancelled.</summary>
    private static void StepOrder(DateTimeOffset? receivedAt, DateTimeOffset?[] steps, DateTimeOffset? cancelledAt,
        bool hasTicket, Action<string, string> error)
    {
        var named = ImportColumns.Steps.Zip(steps).Append((ImportColumns.CancelledAt, cancelledAt)).ToList();
        if (!hasTicket)
        {
            foreach (var (column, _) in named.Where(n => n.Item2 is not null))
                error(column, "only an emergency with a category has ticket times");
            return;
        }
        if (steps[0] is null)
        {
            foreach (var (column, _) in named.Skip(1).Take(3).Where(n => n.Item2 is not null))
                error(column, "needs escalated_at (a ticket reaches an OPD by escalation)");
        }
        var (previousColumn, previous) = (ImportColumns.ReceivedAt, receivedAt);
        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i] is not { } at)
                continue;
            if (previous is { } before && at < before)
                error(ImportColumns.Steps[i], $"is before {previousColumn}");
            (previousColumn, previous) = (ImportColumns.Steps[i], at);
        }
        if (cancelledAt is { } cancelled)
        {
            if (steps[4] is not null)
                error(ImportColumns.CancelledAt, "a ticket is closed or cancelled, not both");
            else if (steps[3] is not null)
                error(ImportColumns.CancelledAt, "a resolved ticket is closed, not cancelled");
            else if (previous is { } before && cancelled < before)
                error(ImportColumns.CancelledAt, $"is before {previousColumn}");
        }
    }

    private static Location? Place(ImportCsvRow row, Action<string, string> error)
    {
        string? Field(string column) => row.Fields.GetValueOrDefault(column);
        double? Coordinate(string column)
        {
            if (Field(column) is not { } text)
                return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                return value;
            error(column, "must be a number with a decimal point (-3.7956)");
            return null;
        }
        var location = new Location(Field(ImportColumns.Address), Field(ImportColumns.Kelurahan), Field(ImportColumns.Kecamatan),
            Coordinate(ImportColumns.Lat), Coordinate(ImportColumns.Lon));
        if (location is { Address: null, Kelurahan: null, Kecamatan: null, Lat: null, Lon: null })
            return null;
        var errors = new FieldErrors();
        LocationValidator.Validate(location, "location", errors, requireAddress: false);
        foreach (var (field, messages) in errors.ToDictionary())
        {
            foreach (var message in messages)
                error(field.Replace("location.", "", StringComparison.Ordinal), message);
        }
        return location;
    }

    private static string? Text(string? text, string column, int max, Action<string, string> error)
    {
        if (text is { Length: var length } && length > max)
            error(column, $"must be at most {max} characters");
        return text;
    }

    private static T? Code<T>(string? text, T? missing, string column, Action<string, string> error) where T : struct, Enum
    {
        if (text is null)
            return missing;
        foreach (var value in Enum.GetValues<T>())
        {
            if (Snake(value.ToString()) == text)
                return value;
        }
        error(column, "must be one of " + string.Join(", ", Enum.GetValues<T>().Select(v => Snake(v.ToString()))));
        return null;
    }

    private static T? Fail<T>(Action report) where T : struct
    {
        report();
        return null;
    }

    private static string Snake(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>An ISO 8601 time; without an offset it is a local time of <paramref name="zone"/>. Null when not one.</summary>
    public static DateTimeOffset? ParseTime(string text, TimeZoneInfo zone)
    {
        DateTimeOffset time;
        if (HasOffset().IsMatch(text))
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time) || !text.Contains('-'))
                return null;
        }
        else
        {
            if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return null;
            time = new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        var utc = time.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    /// <summary>
    /// The row's content key: SHA-256 (hex) of its normalised values in <see cref="ImportColumns.All"/> order, so the
    /// same call written with other column order, separator, quoting or time notation is the same row.
    /// </summary>
    public static string KeyOf(ImportRecord r)
    {
        static string T(DateTimeOffset? at) => at?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "";
        static string D(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        var values = new[]
        {
            T(r.ReceivedAt), r.CallerNumber ?? "", CallerIdCodes.Code(r.CallerId), Snake(r.Channel.ToString()),
            ClassificationCodes.Code(r.Classification), r.Category ?? "", r.Description ?? "", r.Location?.Address ?? "",
            r.Location?.Kecamatan ?? "", r.Location?.Kelurahan ?? "", D(r.Location?.Lat), D(r.Location?.Lon), r.Opd ?? "",
            T(r.EscalatedAt), T(r.AcknowledgedAt), T(r.OnSceneAt), T(r.ResolvedAt), T(r.ClosedAt), T(r.CancelledAt), r.Note ?? "",
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', values))));
    }

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex HasOffset();
}
