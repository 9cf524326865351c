namespace Bengkulu112.Webhooks;

/// <summary>A webhook as the API shows it: never with its secret.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.WebhookDetails")]
public sealed record WebhookDetails(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string? Opd,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? PreviousSecretUntil = null);

/// <summary>The outcome of creating a webhook: the webhook, or the refusal of an id taken by another request.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.WebhookCreateResult")]
public sealed record WebhookCreateResult(
    [property: Id(0)] WebhookDetails? Webhook,
    [property: Id(2)] Common.Refusal? Failure);
