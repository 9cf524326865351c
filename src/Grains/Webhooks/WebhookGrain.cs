using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Webhooks;

/// <summary>
/// Delivers one webhook's events, in order, one at a time. A grain timer polls for new events and fires planned
/// retries; a durable reminder re-activates the grain after a silo died or the cluster restarted, and the grain
/// resumes from the cursors and the delivery log in PostgreSQL. Ticket grains never call this grain: a slow or dead
/// receiver delays nothing but its own webhook.
/// </summary>
/// <remarks>
/// Delivery is at least once: a crash between a receiver's 2xx and the cursor's commit sends that event again, with
/// the same `X-Bengkulu112-Event-Id`, which receivers use to drop repeats. An event still failing
/// <see cref="WebhookOptions.GiveUpAfter"/> after its first attempt is given up (its last logged attempt has no
/// next_attempt_at and delivered false) so that one poisoned event cannot hold back everything after it.
/// </remarks>
public sealed partial class WebhookGrain(
    WebhookStore store,
    WebhookEventSource source,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain, IRemindable
{
    private const string BackstopReminder = "webhook-dispatch";

    private readonly WebhookOptions _options = options.Value;
    private readonly RetrySchedule _schedule = new(options.Value);

    /// <summary>The live webhook; null when there is none or it was deleted.</summary>
    private WebhookSubscription? _webhook;

    private PendingRetry? _retry;
    private IGrainTimer? _timer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(this.GetPrimaryKey()) is { Deleted: false } webhook)
        {
            _webhook = webhook;
            _retry = await store.PendingRetryAsync(webhook.Id);
            StartPolling();
        }
    }

    public async Task<WebhookCreateResult> Create(WebhookDefinition definition, string actor, string fingerprint)
    {
        var stored = await store.CreateAsync(this.GetPrimaryKey(), definition, actor, fingerprint, time.GetUtcNow());
        if (stored.CreateFingerprint != fingerprint)
            return new WebhookCreateResult(null, Common.Refusal.IdempotencyMismatch(
                "This Idempotency-Key was already used to create a webhook with a different request."));
        if (!stored.Deleted)
        {
            // Also on a repeat: the first request may have stopped before the reminder was registered.
            await this.RegisterOrUpdateReminder(BackstopReminder, _options.BackstopPeriod, _options.BackstopPeriod);
            if (_webhook is null)
                LogCreated(stored.Id, stored.Url);
            _webhook ??= stored;
            StartPolling();
        }
        return new WebhookCreateResult(stored.ToDetails(), null);
    }

    public async Task<bool> Delete()
    {
        var deleted = await store.DeleteAsync(this.GetPrimaryKey(), time.GetUtcNow());
        await StopAsync();
        if (deleted)
            LogDeleted(this.GetPrimaryKey());
        return deleted;
    }

    public async Task<WebhookDetails?> RotateSecret(string secret)
    {
        var id = this.GetPrimaryKey();
        if (!await store.RotateSecretAsync(id, secret, time.GetUtcNow() + _options.SecretRotationOverlap))
            return null;
        // Re-read rather than patch: the stored row is what every later delivery must sign with.
        var stored = await store.LoadAsync(id);
        if (_webhook is not null && stored is not null)
            _webhook = stored with { LastTicketEventId = _webhook.LastTicketEventId, LastAlertId = _webhook.LastAlertId };
        LogSecretRotated(id);
        return stored?.ToDetails();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The activation (which this tick caused, if there was none) already polls; a deleted webhook needs no tick.
        if (_webhook is null)
            await StopAsync();
    }

    private void StartPolling() =>
        _timer ??= this.RegisterGrainTimer(DispatchAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = _options.PollInterval,
            Interleave = false,
            KeepAlive = true,
        });

    private async Task StopAsync()
    {
        _webhook = null;
        _timer?.Dispose();
        _timer = null;
        if (await this.GetReminder(BackstopReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        DeactivateOnIdle();
    }

    /// <summary>One timer tick: sends what is due, in order, until caught up, a retry is planned, or a batch is done.</summary>
    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        if (_webhook is null || (_retry is { } retry && retry.NextAttemptAt > time.GetUtcNow()))
            return;
        try
        {
            foreach (var e in await source.NextAsync(_webhook, _options.BatchSize))
            {
                if (_webhook is null || cancellationToken.IsCancellationRequested || !await DeliverAsync(_webhook, e))
                    return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be away for a moment: the next tick tries again from the durable cursors.
            LogDispatchFailed(ex, this.GetPrimaryKey());
        }
    }

    /// <summary>Makes one attempt; true when the event is finished with (delivered or given up), false when a retry is planned.</summary>
    private async Task<bool> DeliverAsync(WebhookSubscription webhook, WebhookEvent e)
    {
        var retrying = _retry is { } retry && retry.EventId == e.EventId ? retry : null;
        var attempt = (retrying?.Attempts ?? 0) + 1;
        var startedAt = time.GetUtcNow();
        var firstAttemptAt = retrying?.FirstAttemptAt ?? startedAt;

        var outcome = await sender.SendAsync(webhook, e);
        var now = time.GetUtcNow();
        var next = outcome.Delivered ? null : _schedule.NextAttemptAt(attempt, firstAttemptAt, now);
        var finished = outcome.Delivered || next is null;
        await store.RecordAsync(new DeliveryAttempt(webhook.Id, e, attempt, outcome, startedAt, next), finished);

        if (!finished)
        {
            _retry = new PendingRetry(e.EventId, attempt, firstAttemptAt, next!.Value);
            LogRetryPlanned(webhook.Id, e.EventId, attempt, outcome.StatusCode, outcome.Error, next.Value);
            return false;
        }
        if (!outcome.Delivered)
            LogGaveUp(webhook.Id, e.EventId, attempt);
        _retry = null;
        if (_webhook is not null)
            _webhook = _webhook.After(e);
        return true;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Webhook {WebhookId} created for {Url}")]
    private partial void LogCreated(Guid webhookId, string url);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Webhook {WebhookId} deleted; its deliveries stop")]
    private partial void LogDeleted(Guid webhookId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Webhook {WebhookId}: attempt {Attempt} of {EventId} failed (status {StatusCode}, {Error}); next attempt at {NextAttemptAt}")]
    private partial void LogRetryPlanned(Guid webhookId, string eventId, int attempt, int? statusCode, string? error,
        DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error,
        Message = "Webhook {WebhookId}: gave up on {EventId} after {Attempts} attempts; delivering the next events")]
    private partial void LogGaveUp(Guid webhookId, string eventId, int attempts);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "Webhook {WebhookId}: secret rotated; the previous one signs beside it until the overlap ends")]
    private partial void LogSecretRotated(Guid webhookId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Webhook {WebhookId}: dispatch failed; retrying on the next tick")]
    private partial void LogDispatchFailed(Exception exception, Guid webhookId);
}
