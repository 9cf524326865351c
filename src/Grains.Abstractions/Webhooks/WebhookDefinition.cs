namespace Bengkulu112.Webhooks;

/// <summary>What an admin asks for: where to POST, which events, optionally only those of one OPD, and the signing secret.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.WebhookDefinition")]
public sealed record WebhookDefinition(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Events,
    [property: Id(2)] string? Opd,
    [property: Id(3)] string Secret);
