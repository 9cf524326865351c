using System.Globalization;
using System.Xml;
using Bengkulu112.Common;
using Bengkulu112.Domain;

namespace Bengkulu112.Api.Queries;

/// <summary>
/// The query of `GET /tickets/suggestions`: `?category=&amp;lat=&amp;lon=&amp;within=` (API.md "Finding the open ticket a
/// call is about"). The category is required; a position needs both coordinates; `within` is an ISO 8601 duration.
/// </summary>
public sealed record TicketSuggestionFilter(string Category, double? Lat, double? Lon, TimeSpan Within)
{
    public const int Limit = 10;
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromHours(2);
    public static readonly TimeSpan MaxWithin = TimeSpan.FromDays(7);

    public static TicketSuggestionFilter Parse(IQueryCollection query, out FieldErrors errors)
    {
        errors = new FieldErrors();
        var category = TicketListFilter.One(query, "category");
        if (category is null)
            errors.Add("category", "is required");
        else if (!Categories.IsKnown(category))
            errors.Add("category", $"'{category}' is not a known category");
        var lat = Coordinate(query, "lat", 90, errors);
        var lon = Coordinate(query, "lon", 180, errors);
        if (lat is null != lon is null && errors.IsEmpty)
            errors.Add(lat is null ? "lat" : "lon", "lat and lon go together");
        var within = DefaultWithin;
        if (TicketListFilter.One(query, "within") is { } text)
        {
            if (!TryDuration(text, out within) || within <= TimeSpan.Zero || within > MaxWithin)
                errors.Add("within", $"must be an ISO 8601 duration above zero and at most {XmlConvert.ToString(MaxWithin)}, e.g. PT2H");
        }
        return new TicketSuggestionFilter(category ?? "", lat, lon, within);
    }

    private static bool TryDuration(string text, out TimeSpan value)
    {
        try
        {
            value = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            value = default;
            return false;
        }
        catch (OverflowException)
        {
            value = default;
            return false;
        }
    }

    private static double? Coordinate(IQueryCollection query, string name, double bound, FieldErrors errors)
    {
        if (TicketListFilter.One(query, name) is not { } text)
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && Math.Abs(value) <= bound)
            return value;
        errors.Add(name, $"must be a number from -{bound} to {bound}");
        return null;
    }
}
