using System.Text.Json;

namespace Bengkulu112.Api.Json;

/// <summary>
/// Thrown by our converters when a value has the right JSON type but the wrong format. The serializer appends path
/// and line to the message, so the client-facing reason is kept apart.
/// </summary>
public sealed class JsonFormatException : JsonException
{
    public JsonFormatException(string reason) : base(reason) => Reason = reason;

    /// <summary>A reason found outside the serializer, which names the field (<paramref name="path"/>, `$.notes`) itself.</summary>
    public JsonFormatException(string reason, string path) : base(reason, path, null, null) => Reason = reason;

    public string Reason { get; }
}
