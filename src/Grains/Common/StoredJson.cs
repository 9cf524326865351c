using System.Text.Json;

namespace Bengkulu112.Common;

/// <summary>
/// How grain state is written as JSON, by Orleans grain storage and by the project's own stores alike: snake_case
/// names, no embedded CLR type names, so a renamed or moved state class still reads its rows, and SQL can read them.
/// </summary>
public static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored state for {typeof(T).Name} is null.");

    /// <summary>A deep copy to change, so a refused or failed write leaves the grain's state untouched.</summary>
    public static T Clone<T>(T value) => Deserialize<T>(Serialize(value));
}
