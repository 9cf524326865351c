using System.Globalization;
using Bengkulu112.Common;

namespace Bengkulu112.Api.Queries;

/// <summary>The paging part of a list's query (API.md: `?limit=` default 50, max 500, and `?cursor=`).</summary>
public static class PageQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>`?limit=`, or the default; a bad one is named in <paramref name="errors"/>.</summary>
    public static int Limit(IQueryCollection query, FieldErrors errors)
    {
        var limit = DefaultLimit;
        if (Last(query, "limit") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
            return DefaultLimit;
        }
        return limit;
    }

    /// <summary>The last non-blank value of a query parameter, trimmed.</summary>
    public static string? Last(IQueryCollection query, string name) =>
        query[name].LastOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
