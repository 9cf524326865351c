using System.Globalization;
using System.Text;
using Bengkulu112.Common;
using Microsoft.AspNetCore.WebUtilities;

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

    public override string ToString() => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(Prefix + Id.ToString(CultureInfo.InvariantCulture)));

    public static bool TryParse(string text, out AlertCursor? cursor)
    {
        cursor = null;
        try
        {
            var decoded = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text));
            if (!decoded.StartsWith(Prefix, StringComparison.Ordinal)
                || !long.TryParse(decoded.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return false;
            cursor = new AlertCursor(id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
