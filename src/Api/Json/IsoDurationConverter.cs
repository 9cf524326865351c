using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Bengkulu112.Api.Json;

/// <summary>
/// API.md: durations are ISO 8601 (`PT2M`, `PT4H`, `P3D`). Years, months and weeks are refused: their length in
/// time is ambiguous, and no deadline needs them.
/// </summary>
public sealed partial class IsoDurationConverter : JsonConverter<TimeSpan>
{
    private const string Expected = "must be an ISO 8601 duration in days, hours, minutes or seconds, e.g. PT2M, PT4H or P3D";

    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.GetString() is not { } text || !Pattern().IsMatch(text))
            throw new JsonFormatException(Expected);
        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new JsonFormatException(Expected);
        }
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(XmlConvert.ToString(value));

    // At least one component; a `T` must be followed by a time component.
    [GeneratedRegex(@"^-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
