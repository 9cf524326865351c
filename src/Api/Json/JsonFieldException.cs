using System.Text.Json;

namespace Bengkulu112.Api.Json;

/// <summary>A value our converters refuse, with the reason the client should read in the problem's `errors`.</summary>
public sealed class JsonFieldException(string reason) : JsonException(reason)
{
    public string Reason { get; } = reason;
}
