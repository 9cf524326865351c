using Bengkulu112.Webhooks;

namespace Bengkulu112.Api.Contracts;

/// <summary>Body of `POST /webhooks`.</summary>
public sealed record WebhookCreateRequest(string? Url, IReadOnlyList<string>? Events, string? Opd, string? Secret);

/// <summary>A webhook as the API shows it: the secret is never answered, not even right after creation.</summary>
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, string? Opd, DateTimeOffset CreatedAt)
{
    public static WebhookResponse From(WebhookDetails w) => new(w.Id, w.Url, w.Events, w.Opd, w.CreatedAt);
}

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
