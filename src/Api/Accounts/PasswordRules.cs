namespace Bengkulu112.Api.Accounts;

/// <summary>SPEC.md §5: at least 10 characters, not the username, not a common password.</summary>
public static class PasswordRules
{
    public const int MinLength = 10;

    /// <summary>Long enough for any passphrase, short enough that hashing it costs nothing extra.</summary>
    public const int MaxLength = 256;

    /// <summary>Why <paramref name="password"/> may not be chosen by <paramref name="username"/>, or null when it may.</summary>
    public static string? Refusal(string password, string username)
    {
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
            return $"must be at least {MinLength} characters long";
        if (length > MaxLength)
            return $"must be at most {MaxLength} characters long";
        if (string.Equals(password.Trim(), username, StringComparison.OrdinalIgnoreCase))
            return "must not be the username";
        if (CommonPasswords.Contains(password))
            return "is one of the most common passwords; choose another";
        return null;
    }
}
