namespace Bengkulu112.Api.Accounts;

/// <summary>
/// The common passwords no account may choose: the entries of 10 or more characters of Django's list of 20,000 common
/// passwords (lower-cased), shipped as `common-passwords.txt` (source and licence in `common-passwords.LICENSE`).
/// Compared like Django does: trimmed and lower-cased.
/// </summary>
public static class CommonPasswords
{
    private const string Resource = "Bengkulu112.Api.Accounts.common-passwords.txt";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool Contains(string password) => List.Value.Contains(password.Trim().ToLowerInvariant());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } entry)
                set.Add(entry);
        }
        return set;
    }
}
