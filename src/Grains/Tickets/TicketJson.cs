using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bengkulu112.Tickets;

/// <summary>How ticket state is written to `tickets.state`: snake_case, enums by name, no CLR type names.</summary>
public static class TicketJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(TicketState state) => JsonSerializer.Serialize(state, Options);

    public static TicketState Deserialize(string json) =>
        JsonSerializer.Deserialize<TicketState>(json, Options) ?? throw new JsonException("Empty ticket state.");

    /// <summary>A deep copy to change, so a refused or failed write leaves the grain's state untouched.</summary>
    public static TicketState Clone(TicketState state) => Deserialize(Serialize(state));
}
