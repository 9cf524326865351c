using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bengkulu112.Webhooks;

/// <summary>
/// The two signatures every delivery carries.
/// <list type="bullet">
/// <item>`X-Bengkulu112-Signature: sha256=&lt;hex&gt;` (API.md): the lower-case hex HMAC-SHA256 of the exact body bytes
/// with the current secret. Kept for the receivers written against API.md; it does not protect against replay.</item>
/// <item>`X-Bengkulu112-Timestamped-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;]`: the HMAC-SHA256 of
/// `t.event_id.body`, once per live secret (two during a rotation). A receiver checks one `v1` in constant time and
/// refuses a `t` more than five minutes away from its clock, so a captured delivery cannot be replayed later.</item>
/// </list>
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Bengkulu112-Signature";
    public const string TimestampedHeader = "X-Bengkulu112-Timestamped-Signature";

    /// <summary>How far a receiver should accept `t` from its own clock (docs/security.md).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static string SignTimestamped(IEnumerable<string> secrets, DateTimeOffset at, string eventId, ReadOnlySpan<byte> body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = SignedPayload(timestamp, eventId, body);
        var header = new StringBuilder("t=").Append(timestamp);
        foreach (var secret in secrets)
            header.Append(",v1=").Append(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)));
        return header.ToString();
    }

    /// <summary>
    /// What a receiver does with the timestamped header: true when `t` is within <see cref="Tolerance"/> of
    /// <paramref name="now"/> and one `v1` matches <paramref name="secret"/> (compared in constant time).
    /// </summary>
    public static bool Verify(string header, string secret, string eventId, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        string? timestamp = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
                return false;
            var (name, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (name == "t")
                timestamp = value;
            else if (name == "v1")
                candidates.Add(value);
        }
        if (timestamp is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
            return false;
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), SignedPayload(timestamp, eventId, body))));
        return candidates.Any(c => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(c), expected));
    }

    private static byte[] SignedPayload(string timestamp, string eventId, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{timestamp}.{eventId}.");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return payload;
    }
}
