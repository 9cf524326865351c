using System.Globalization;
using System.Text;
using Bengkulu112.Common;
using Bengkulu112.Domain;
using Bengkulu112.Opds;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Primitives;

namespace Bengkulu112.Api.Queries;

/// <summary>The query of `GET /tickets`: `?status=&amp;category=&amp;opd=&amp;priority=&amp;from=&amp;to=&amp;q=&amp;limit=&amp;cursor=`.</summary>
public sealed record TicketListFilter(
    IReadOnlyList<string> Statuses,
    string? Category,
    string? Opd,
    string? Priority,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Text,
    int Limit,
    TicketCursor? After,
    string? VisibleToOpd = null)
{
    public const int DefaultLimit = PageQuery.DefaultLimit;
    public const int MaxLimit = PageQuery.MaxLimit;
    public const int MaxTextLength = 200;

    public static TicketListFilter Parse(IQueryCollection query, out FieldErrors errors)
    {
        errors = new FieldErrors();
        var statuses = new List<string>();
        foreach (var status in Values(query["status"]))
        {
            if (TicketStatusCodes.TryParse(status, out _))
                statuses.Add(status);
            else
                errors.Add("status", $"'{status}' is not one of {string.Join(", ", TicketStatusCodes.All)}");
        }
        var category = One(query, "category");
        if (category is not null && !Categories.IsKnown(category))
            errors.Add("category", $"'{category}' is not a known category");
        var opd = One(query, "opd");
        if (opd is not null && !OpdCode.IsValid(opd))
            errors.Add("opd", $"'{opd}' is not a valid OPD code");
        var priority = One(query, "priority")?.ToUpperInvariant();
        if (priority is not null && priority is not ("P1" or "P2" or "P3"))
            errors.Add("priority", "must be one of P1, P2, P3");
        var from = Time(query, "from", errors);
        var to = Time(query, "to", errors);
        if (from is not null && to is not null && from >= to)
            errors.Add("to", "must be after from");
        var text = One(query, "q");
        if (text is { Length: > MaxTextLength })
            errors.Add("q", $"must be at most {MaxTextLength} characters");
        var limit = PageQuery.Limit(One(query, "limit"), errors);
        TicketCursor? after = null;
        if (One(query, "cursor") is { } cursorText && !TicketCursor.TryParse(cursorText, out after))
            errors.Add("cursor", "is not a cursor this API gave out");
        return new TicketListFilter(statuses, category, opd, priority, from, to, text, limit, after);
    }

    private static IEnumerable<string> Values(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    internal static string? One(IQueryCollection query, string name) =>
        query[name] is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v[^1]) ? v[^1]!.Trim() : null;

    private static DateTimeOffset? Time(IQueryCollection query, string name, FieldErrors errors)
    {
        if (One(query, name) is not { } text)
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            return value;
        errors.Add(name, "must be an ISO 8601 time, e.g. 2026-11-28T21:40:11Z");
        return null;
    }
}

/// <summary>Where a page ended: the last row's creation time and id (tickets are listed newest first).</summary>
public sealed record TicketCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public override string ToString() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CreatedAt.UtcTicks}:{Id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParse(string text, out TicketCursor? cursor)
    {
        cursor = null;
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length != 2 || !long.TryParse(parts[0], out var ticks) || !Guid.TryParseExact(parts[1], "N", out var id)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
                return false;
            cursor = new TicketCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
