using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Bengkulu112.Api.Queries;

/// <summary>An opaque cursor holding one whole number under a prefix naming its list (`alert:42`, base64url).</summary>
public static class NumberCursor
{
    public static string Encode(string prefix, long value) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(prefix + value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>False for text this API did not give out as a cursor of <paramref name="prefix"/>.</summary>
    public static bool TryDecode(string text, string prefix, out long value)
    {
        value = 0;
        try
        {
            var decoded = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text));
            return decoded.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(decoded.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
