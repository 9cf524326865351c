using Bengkulu112.Webhooks;

namespace Bengkulu112.Api.Contracts;

/// <summary>Body of `POST /webhooks`.</summary>
public sealed record WebhookCreateRequest(string? Url, IReadOnlyList<string>? Events, string? Opd, string? Secret);

/// <summary>A webhook as the API shows it: the secret is never answered, not even right after creation.</summary>
/// <remarks><c>previous_secret_expires_at</c>: while a rotation runs, until when the previous secret still signs deliveries.</remarks>
public sealed record WebhookResponse(
    Guid Id, string Url, IReadOnlyList<string> Events, string? Opd, DateTimeOffset CreatedAt,
    DateTimeOffset? PreviousSecretExpiresAt)
{
    public static WebhookResponse From(WebhookDetails w) =>
        new(w.Id, w.Url, w.Events, w.Opd, w.CreatedAt, w.PreviousSecretUntil);
}

/// <summary>Body of `POST /webhooks/{id}/secret`: the new signing secret.</summary>
public sealed record WebhookSecretRequest(string? Secret);

/// <summary>One row of `GET /webhooks/{id}/deliveries`: one attempt to deliver one event.</summary>
public sealed record WebhookDeliveryResponse(
    long Id,
    string EventType,
    string EventId,
    int Attempt,
    int? StatusCode,
    string? Error,
    int DurationMs,
    DateTimeOffset At,
    DateTimeOffset? NextAttemptAt,
    bool Delivered);
