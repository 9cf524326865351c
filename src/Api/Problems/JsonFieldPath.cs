using System.Text.Json;

namespace Bengkulu112.Api.Problems;

/// <summary>Names the field of a JSON reading error the way clients wrote it (`location.lat`, `categories[1]`).</summary>
public static class JsonFieldPath
{
    public static string ToField(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
            return "body";
        var field = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return field.Replace("['", ".").Replace("']", "").TrimStart('.');
    }

    public static string Describe(JsonException exception) => exception switch
    {
        Json.JsonFormatException format => format.Reason,
        { Path: null or "$" } => "is not a valid JSON object",
        _ when exception.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) =>
            "is not a field of this request",
        _ => "has a value of the wrong type or format",
    };
}
