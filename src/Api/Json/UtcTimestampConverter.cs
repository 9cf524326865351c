using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bengkulu112.Api.Json;

/// <summary>API.md: times are ISO 8601 in UTC with a `Z` (`2026-11-28T21:40:11Z`); input may carry any offset.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A time without an offset would be read in the server's zone: refuse it rather than guess.
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value)
            || reader.GetString() is not { } text || !HasOffset(text))
            throw new JsonFormatException("must be an ISO 8601 time with an offset, e.g. 2026-11-28T21:40:11Z");
        return value.ToUniversalTime();
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Common.UtcTimestamps.Format(value));
}
