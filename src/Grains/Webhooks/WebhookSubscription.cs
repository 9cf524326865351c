namespace Bengkulu112.Webhooks;

/// <summary>A stored webhook as its dispatcher needs it: where, what, how to sign, and how far it has got.</summary>
public sealed record WebhookSubscription(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    string? Opd,
    string Secret,
    string CreateFingerprint,
    DateTimeOffset CreatedAt,
    bool Deleted,
    long LastTicketEventId,
    long LastAlertId,
    string? PreviousSecret = null,
    DateTimeOffset? PreviousSecretUntil = null)
{
    /// <summary>The secrets deliveries are signed with at <paramref name="now"/>: the current one, then the previous one during a rotation.</summary>
    public IEnumerable<string> LiveSecrets(DateTimeOffset now)
    {
        yield return Secret;
        if (PreviousSecret is not null && PreviousSecretUntil > now)
            yield return PreviousSecret;
    }

    public bool Wants(string eventType) => Events.Contains(eventType);

    /// <summary>The subscription with its cursor moved past <paramref name="done"/>.</summary>
    public WebhookSubscription After(WebhookEvent done) => done.Type == WebhookEvents.TicketChanged
        ? this with { LastTicketEventId = done.SourceId }
        : this with { LastAlertId = done.SourceId };

    public WebhookDetails ToDetails() => new(Id, Url, Events, Opd, CreatedAt, PreviousSecretUntil);
}
