using System.Security.Cryptography;
using System.Text;

namespace Bengkulu112.Webhooks;

/// <summary>`X-Bengkulu112-Signature: sha256=&lt;hex&gt;`: the lower-case hex HMAC-SHA256 of the exact body bytes.</summary>
public static class WebhookSignature
{
    public const string Header = "X-Bengkulu112-Signature";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
