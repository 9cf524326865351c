using PhoneNumbers;

namespace Bengkulu112.Callers;

/// <summary>
/// Caller numbers normalised to E.164 so that `0812…`, `62812…` and `+62812…` are one caller. Numbers without a
/// country code are read as Indonesian unless another default region is configured.
/// </summary>
public static class PhoneNumber
{
    public const string DefaultRegion = "ID";
    public const int MaxInputLength = 32;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 form of <paramref name="input"/>, or null (with a reason) when it is not a plausible phone number.</summary>
    public static string? TryNormalize(string? input, out string? error, string defaultRegion = DefaultRegion)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "is required";
            return null;
        }
        var text = input.Trim();
        if (text.Length > MaxInputLength)
        {
            error = $"must be at most {MaxInputLength} characters";
            return null;
        }
        // "62812…" without the plus is how many Indonesian systems log international form.
        if (defaultRegion == "ID" && text.StartsWith("62", StringComparison.Ordinal) && text.All(char.IsAsciiDigit))
            text = "+" + text;
        try
        {
            var parsed = Util.Parse(text, defaultRegion);
            if (!Util.IsPossibleNumber(parsed))
            {
                error = "is not a possible phone number";
                return null;
            }
            return Util.Format(parsed, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            error = "is not a phone number";
            return null;
        }
    }
}
