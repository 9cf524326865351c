using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bengkulu112.Api.Auth;
using Bengkulu112.Common;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Bengkulu112.Api.Idempotency;

/// <summary>
/// API.md's `Idempotency-Key` for POSTs that create something. Rather than a table of keys, the key decides the new
/// thing's id: the same user sending the same key to the same route reaches the same grain, which stores the
/// request's fingerprint with what it created. A repeat with the same body gets the first result; with a different
/// body, 422. Nothing extra to write, and a crash between the two requests cannot lose the link.
/// </summary>
public sealed record IdempotencyKey(string Value)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>The key from the request, null when none was sent, or the field error for a malformed one.</summary>
    public static IdempotencyKey? From(HttpRequest request, FieldErrors errors)
    {
        if (!request.Headers.TryGetValue(Header, out var values))
            return null;
        var value = values.ToString();
        if (values.Count != 1 || value.Length is 0 or > MaxLength || value.Any(c => c < 0x21 || c > 0x7e))
        {
            errors.Add(Header, $"must be one value of 1 to {MaxLength} visible ASCII characters");
            return null;
        }
        return new IdempotencyKey(value);
    }

    /// <summary>The id the new thing gets for this user, route and key (a name-based GUID).</summary>
    public Guid DeriveId(string scope, Actor actor)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{actor.Name}\n{Value}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (custom, name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes);
    }

    /// <summary>A fingerprint of the request body as bound (so whitespace and property order do not matter).</summary>
    public static string Fingerprint<T>(T body, IOptions<JsonOptions> json) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, json.Value.SerializerOptions)));
}
