namespace Bengkulu112.Webhooks;

/// <summary>One attempt to deliver one event, as `webhook_deliveries` records it.</summary>
public sealed record DeliveryAttempt(
    Guid WebhookId,
    WebhookEvent Event,
    int Attempt,
    DeliveryOutcome Outcome,
    DateTimeOffset At,
    DateTimeOffset? NextAttemptAt);

/// <summary>What the receiver answered (or why it could not be reached) and how long it took.</summary>
public sealed record DeliveryOutcome(int? StatusCode, string? Error, int DurationMs)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>The event a webhook is retrying: how many attempts so far, since when, and when the next one is due.</summary>
public sealed record PendingRetry(string EventId, int Attempts, DateTimeOffset FirstAttemptAt, DateTimeOffset NextAttemptAt);
