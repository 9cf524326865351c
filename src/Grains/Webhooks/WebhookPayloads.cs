using System.Globalization;
using System.Text.Json;

namespace Bengkulu112.Webhooks;

/// <summary>The JSON bodies of deliveries: the same shapes as the live feeds (API.md), snake_case, times in UTC with Z.</summary>
public static class WebhookPayloads
{
    public static byte[] TicketChanged(Guid ticketId, string number, string status, string? opd, int version,
        DateTimeOffset at) => Write(json =>
    {
        json.WriteString("ticket_id", ticketId);
        json.WriteString("number", number);
        json.WriteString("status", status);
        WriteNullable(json, "opd", opd);
        json.WriteNumber("version", version);
        json.WriteString("at", Utc(at));
    });

    public static byte[] AlertRaised(AlertRow alert) => Write(json =>
    {
        json.WriteNumber("id", alert.Id);
        json.WriteString("kind", alert.Kind);
        json.WriteString("ticket_id", alert.TicketId);
        json.WriteString("ticket_number", alert.TicketNumber);
        WriteNullable(json, "opd", alert.Opd);
        json.WriteString("deadline", alert.Deadline);
        json.WriteString("due_at", Utc(alert.DueAt));
        json.WriteString("raised_at", Utc(alert.RaisedAt));
        WriteNullable(json, "acknowledged_by", alert.AcknowledgedBy);
        WriteNullable(json, "acknowledged_at", alert.AcknowledgedAt is { } acknowledged ? Utc(acknowledged) : null);
    });

    /// <summary>A row of the `alerts` table.</summary>
    public sealed record AlertRow(long Id, string Kind, Guid TicketId, string TicketNumber, string? Opd,
        string Deadline, DateTimeOffset DueAt, DateTimeOffset RaisedAt, string? AcknowledgedBy,
        DateTimeOffset? AcknowledgedAt);

    private static byte[] Write(Action<Utf8JsonWriter> properties)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }

    private static string Utc(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
