using Bengkulu112.Common;

using Bengkulu112.Api.Queries;

namespace Bengkulu112.Api.Alerts;

/// <summary>The query of `GET /alerts`: `?status=open|acknowledged&amp;limit=&amp;cursor=`.</summary>
public sealed record AlertListFilter(string? Status, int Limit, AlertCursor? After)
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const int DefaultLimit = PageQuery.DefaultLimit;
    public const int MaxLimit = PageQuery.MaxLimit;

    public static AlertListFilter Parse(IQueryCollection query, out FieldErrors errors)
    {
        errors = new FieldErrors();
        var status = PageQuery.Last(query, "status");
        if (status is not (null or Open or Acknowledged))
            errors.Add("status", $"'{status}' is not one of {Open}, {Acknowledged}");
        var limit = PageQuery.Limit(query, errors);
        AlertCursor? after = null;
        if (PageQuery.Last(query, "cursor") is { } cursorText && !AlertCursor.TryParse(cursorText, out after))
            errors.Add("cursor", "is not a cursor this API gave out");
        return new AlertListFilter(status, limit, after);
    }
}

/// <summary>Where a page of alerts ended: the last alert's id (alerts are listed newest first, ids only grow).</summary>
public sealed record AlertCursor(long Id)
{
    private const string Prefix = "alert:";

    public override string ToString() => NumberCursor.Encode(Prefix, Id);

    public static bool TryParse(string text, out AlertCursor? cursor)
    {
        cursor = NumberCursor.TryDecode(text, Prefix, out var id) ? new AlertCursor(id) : null;
        return cursor is not null;
    }
}
