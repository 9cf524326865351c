using System.Text.Json;
using System.Text.Json.Serialization;
using Bengkulu112.Tickets;

namespace Bengkulu112.Api.Json;

/// <summary>Priorities are written as SPEC.md writes them (`P1`); `p1` is accepted on input too.</summary>
public sealed class PriorityConverter : JsonConverter<Priority>
{
    public override Priority Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: 2 } s && (s[0] is 'P' or 'p')
            && s[1] is >= '1' and <= '3'
            ? (Priority)(s[1] - '0')
            : throw new JsonFormatException("must be one of P1, P2, P3");

    public override void Write(Utf8JsonWriter writer, Priority value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
