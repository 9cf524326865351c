namespace Bengkulu112.Api.Streaming;

/// <summary>
/// Wakes every reader waiting for news. Carries no data: a woken reader reads the events from PostgreSQL itself.
/// A reader takes <see cref="Next"/> before it reads, so a ring during its read is not missed.
/// </summary>
public sealed class Doorbell
{
    private TaskCompletionSource _next = NewRing();

    /// <summary>Completes at the next ring.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>
    /// Waits until <paramref name="rung"/> (a <see cref="Next"/> taken earlier) completes or <paramref name="wait"/>
    /// passes, whichever comes first. A quiet feed times out every poll, so the timeout ends the wait without throwing
    /// (one exception a second per idle reader adds up with a thousand feeds open); cancellation still throws.
    /// </summary>
    public static async Task RungOrTimeoutAsync(Task rung, TimeSpan wait, TimeProvider time, CancellationToken ct)
    {
        await rung.WaitAsync(wait, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ct.ThrowIfCancellationRequested();
    }

    public void Ring() => Interlocked.Exchange(ref _next, NewRing()).TrySetResult();

    private static TaskCompletionSource NewRing() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
