using System.Text.Json;
using Orleans.Storage;

namespace Bengkulu112.Silo.Hosting;

/// <summary>
/// Stores grain state as plain JSON (no embedded CLR type names), so renaming or moving a state class
/// does not make existing rows unreadable, and the rows can be read with SQL when needed.
/// </summary>
public sealed class SystemTextJsonGrainStorageSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new JsonException($"Stored state for {typeof(T).Name} is null.");
}
