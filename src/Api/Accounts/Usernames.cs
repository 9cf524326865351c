using System.Text.RegularExpressions;

namespace Bengkulu112.Api.Accounts;

/// <summary>Usernames are 3–64 of `a-z 0-9 . _ -` (API.md); what people type is trimmed and lower-cased first.</summary>
public static partial class Usernames
{
    public const int MinLength = 3;
    public const int MaxLength = 64;
    public const string Rule = "must be 3 to 64 of a-z, 0-9, '.', '_' and '-'";

    public static bool IsValid(string? username) => username is not null && Pattern().IsMatch(username);

    /// <summary>What someone typed at sign-in, as a username could be stored; null when no account can have it.</summary>
    public static string? FromSignIn(string typed)
    {
        if (typed.Length > MaxLength + 32)
            return null;
        var normal = typed.Trim().ToLowerInvariant();
        return IsValid(normal) ? normal : null;
    }

    [GeneratedRegex("^[a-z0-9._-]{3,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
