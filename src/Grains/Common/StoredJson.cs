using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bengkulu112.Common;

/// <summary>
/// The one way state is written as JSON, by Orleans grain storage and by the project's own stores (tickets, calls,
/// callers, imports) alike: snake_case names, enums by snake_case name, no embedded CLR type names, so a renamed or
/// moved state class still reads its rows, and SQL can read them. Rows written with enums as numbers still read.
/// </summary>
public static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored state for {typeof(T).Name} is null.");

    /// <summary>A deep copy to change, so a refused or failed write leaves the grain's state untouched.</summary>
    public static T Clone<T>(T value) => Deserialize<T>(Serialize(value));
}
