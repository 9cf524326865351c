namespace Bengkulu112.Webhooks;

/// <summary>
/// Exponential back-off with jitter for failed deliveries: attempt n waits FirstRetryDelay × 2^(n−1), capped at
/// MaxRetryDelay, then scaled by a random factor in [0.8, 1.2) so receivers that come back are not hit by every
/// webhook at the same instant. After GiveUpAfter from the first attempt there is no next attempt.
/// </summary>
public sealed class RetrySchedule(WebhookOptions options, Func<double> random)
{
    public RetrySchedule(WebhookOptions options) : this(options, Random.Shared.NextDouble)
    {
    }

    /// <summary>When to try again after failed attempt <paramref name="attempt"/> (1-based), or null to give up.</summary>
    public DateTimeOffset? NextAttemptAt(int attempt, DateTimeOffset firstAttemptAt, DateTimeOffset now)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(options.FirstRetryDelay.Ticks * Math.Pow(2, exponent), options.MaxRetryDelay.Ticks);
        var delay = TimeSpan.FromTicks((long)(ticks * (0.8 + 0.4 * random())));
        var next = now + delay;
        return next - firstAttemptAt > options.GiveUpAfter ? null : next;
    }
}
