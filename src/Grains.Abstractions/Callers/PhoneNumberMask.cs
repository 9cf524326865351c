using System.Text.RegularExpressions;

namespace Bengkulu112.Callers;

/// <summary>Phone numbers are personal data: logs show only their first and last digits.</summary>
public static partial class PhoneNumberMask
{
    /// <summary>`+6281273451234` → `+628*******34`.</summary>
    public static string Mask(string number) =>
        number.Length > 6 ? number[..4] + new string('*', number.Length - 6) + number[^2..] : "***";

    /// <summary>Masks every run that looks like a phone number (7+ digits, maybe with +, %2B, spaces or dashes) in a text.</summary>
    public static string MaskIn(string text) => PhoneLike().Replace(text, m => Mask(m.Value));

    [GeneratedRegex(@"(?<![0-9A-Za-z-])(\+|%2B|%2b)?\d[\d\- ]{5,}\d(?![0-9A-Za-z-])")]
    private static partial Regex PhoneLike();
}
