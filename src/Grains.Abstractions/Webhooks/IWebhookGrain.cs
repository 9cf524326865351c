using Orleans.Concurrency;

namespace Bengkulu112.Webhooks;

/// <summary>
/// One outgoing webhook, keyed by its id. Its single activation is the only dispatcher of its deliveries, so no event
/// is sent twice at once from two silos, and deliveries keep their order.
/// </summary>
[Alias("Bengkulu112.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Stores the webhook and starts delivering the events committed from now on. A repeat with the same
    /// <paramref name="fingerprint"/> answers the stored webhook; another fingerprint → a refusal (IdempotencyMismatch).
    /// </summary>
    [Alias("Create")]
    Task<WebhookCreateResult> Create(WebhookDefinition definition, string actor, string fingerprint);

    /// <summary>Stops deliveries for good; false when there is no such (live) webhook.</summary>
    /// <remarks>Interleaves, so it does not wait behind an attempt against a slow receiver.</remarks>
    [AlwaysInterleave, Alias("Delete")]
    Task<bool> Delete();

    /// <summary>
    /// Makes <paramref name="secret"/> the signing secret; the old one keeps signing beside it for
    /// `Webhooks:SecretRotationOverlap`. Null when there is no such (live) webhook.
    /// </summary>
    [Alias("RotateSecret")]
    Task<WebhookDetails?> RotateSecret(string secret);
}
