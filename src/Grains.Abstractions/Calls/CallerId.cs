namespace Bengkulu112.Calls;

/// <summary>
/// Whether the network delivered the caller's number (SPEC.md §7): `present`, or a call without a number because the
/// caller withheld it (`withheld`) or the network did not deliver it (`unavailable`).
/// </summary>
public enum CallerId
{
    Present,
    Withheld,
    Unavailable,
}

/// <summary>The lower-case codes of <see cref="CallerId"/>, as reports count them.</summary>
public static class CallerIdCodes
{
    public static string Code(CallerId id) => id.ToString().ToLowerInvariant();

    public static bool TryParse(string? code, out CallerId id)
    {
        id = CallerId.Present;
        foreach (var value in Enum.GetValues<CallerId>())
        {
            if (string.Equals(Code(value), code, StringComparison.Ordinal))
            {
                id = value;
                return true;
            }
        }
        return false;
    }
}
