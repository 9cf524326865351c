using System.Text.Json;
using Bengkulu112.Common;
using Orleans.Storage;

namespace Bengkulu112.Silo.Hosting;

/// <summary>
/// Stores grain state as plain JSON (<see cref="StoredJson"/>), so renaming or moving a state class does not make
/// existing rows unreadable, and the rows can be read with SQL when needed.
/// </summary>
public sealed class SystemTextJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, StoredJson.Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, StoredJson.Options)
        ?? throw new JsonException($"Stored state for {typeof(T).Name} is null.");
}
