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

    public void Ring() => Interlocked.Exchange(ref _next, NewRing()).TrySetResult();

    private static TaskCompletionSource NewRing() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
