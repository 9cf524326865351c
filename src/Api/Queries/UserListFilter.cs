using System.Globalization;
using System.Text;
using Bengkulu112.Api.Accounts;
using Bengkulu112.Api.Auth;
using Bengkulu112.Common;
using Bengkulu112.Opds;
using Microsoft.AspNetCore.WebUtilities;

namespace Bengkulu112.Api.Queries;

/// <summary>The query of `GET /users`: `?role=&amp;opd=&amp;active=&amp;limit=&amp;cursor=` (users in username order).</summary>
public sealed record UserListFilter(string? Role, string? Opd, bool? Active, int Limit, string? After)
{
    public const int DefaultLimit = PageQuery.DefaultLimit;
    public const int MaxLimit = PageQuery.MaxLimit;
    private const string CursorPrefix = "user:";

    public static UserListFilter Parse(IQueryCollection query, out FieldErrors errors)
    {
        errors = new FieldErrors();
        var role = Last(query, "role");
        if (role is not null && !Roles.IsKnown(role))
            errors.Add("role", $"must be one of {string.Join(", ", Roles.All)}");
        var opd = Last(query, "opd");
        if (opd is not null && !OpdCode.IsValid(opd))
            errors.Add("opd", "is not an OPD code");
        bool? active = null;
        if (Last(query, "active") is { } activeText)
        {
            if (bool.TryParse(activeText, out var flag) && activeText is "true" or "false")
                active = flag;
            else
                errors.Add("active", "must be true or false");
        }
        var limit = PageQuery.Limit(query, errors);
        string? after = null;
        if (Last(query, "cursor") is { } cursor && (after = ParseCursor(cursor)) is null)
            errors.Add("cursor", "is not a cursor this API gave out");
        return new UserListFilter(role, opd, active, limit, after);
    }

    public static string Cursor(string lastUsername) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(CursorPrefix + lastUsername));

    private static string? ParseCursor(string text)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text));
            return decoded.StartsWith(CursorPrefix, StringComparison.Ordinal) && Usernames.IsValid(decoded[CursorPrefix.Length..])
                ? decoded[CursorPrefix.Length..]
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? Last(IQueryCollection query, string name) =>
        query[name].LastOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
