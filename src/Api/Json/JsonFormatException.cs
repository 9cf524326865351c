using System.Text.Json;

namespace Bengkulu112.Api.Json;

/// <summary>
/// Thrown by our converters when a value has the right JSON type but the wrong format. The serializer appends path
/// and line to the message, so the client-facing reason is kept apart.
/// </summary>
public sealed class JsonFormatException(string reason) : JsonException(reason)
{
    public string Reason { get; } = reason;
}
