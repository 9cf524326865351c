using Bengkulu112.Common;

namespace Bengkulu112.Api.Queries;

/// <summary>
/// The query of `GET /tickets/{id}/timeline`: `?limit=&amp;cursor=` page it (`{ items, next_cursor }`, oldest first);
/// without either, the answer is the first page of <see cref="PageQuery.MaxLimit"/> entries as the plain array clients
/// of the unpaged route read.
/// </summary>
public sealed record TimelineQuery(bool Paged, int Limit, int After)
{
    public static TimelineQuery Parse(string? limit, string? cursor, out FieldErrors errors)
    {
        errors = new FieldErrors();
        limit = string.IsNullOrWhiteSpace(limit) ? null : limit.Trim();
        cursor = string.IsNullOrWhiteSpace(cursor) ? null : cursor.Trim();
        if (limit is null && cursor is null)
            return new TimelineQuery(false, PageQuery.MaxLimit, 0);
        var size = PageQuery.Limit(limit, errors);
        TimelineCursor? after = null;
        if (cursor is not null && !TimelineCursor.TryParse(cursor, out after))
            errors.Add("cursor", "is not a cursor this API gave out");
        return new TimelineQuery(true, size, after?.Seq ?? 0);
    }
}

/// <summary>Where a page of a timeline ended: the number of its last entry (entries are numbered 1, 2, … per ticket).</summary>
public sealed record TimelineCursor(int Seq)
{
    private const string Prefix = "timeline:";

    public override string ToString() => NumberCursor.Encode(Prefix, Seq);

    public static bool TryParse(string text, out TimelineCursor? cursor)
    {
        cursor = NumberCursor.TryDecode(text, Prefix, out var seq) && seq <= int.MaxValue ? new TimelineCursor((int)seq) : null;
        return cursor is not null;
    }
}
