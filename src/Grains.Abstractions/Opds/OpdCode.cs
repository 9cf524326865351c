using System.Text.RegularExpressions;

namespace Bengkulu112.Opds;

/// <summary>OPD codes are short lower-case identifiers such as `damkar` or `satpolpp`.</summary>
public static partial class OpdCode
{
    public const int MaxLength = 32;

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    [GeneratedRegex("^[a-z][a-z0-9_]{1,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
