namespace Bengkulu112.Webhooks;

/// <summary>
/// One event to deliver: its type, the id of its row in `ticket_events` or `alerts`, the id receivers see
/// (`ticket.changed:123`), when it happened, and the exact JSON body that is signed and sent.
/// </summary>
public sealed record WebhookEvent(string Type, long SourceId, DateTimeOffset At, byte[] Body)
{
    public string EventId => $"{Type}:{SourceId}";
}
