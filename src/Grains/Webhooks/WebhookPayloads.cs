using System.Text.Json;
using System.Text.Json.Serialization;
using Bengkulu112.Alerts;
using Bengkulu112.Common;
using Bengkulu112.Tickets;

namespace Bengkulu112.Webhooks;

/// <summary>
/// The JSON bodies of deliveries: the records the live feeds send (API.md), serialised the API's way (snake_case, times
/// in UTC with Z).
/// </summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new UtcTimestampWriter() },
    };

    public static byte[] TicketChanged(TicketChangedEvent change) => JsonSerializer.SerializeToUtf8Bytes(change, Options);

    public static byte[] AlertRaised(AlertResponse alert) => JsonSerializer.SerializeToUtf8Bytes(alert, Options);

    private sealed class UtcTimestampWriter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Webhook payloads are only written.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(UtcTimestamps.Format(value));
    }
}
