namespace Bengkulu112.Api.Streaming;

/// <summary>One event as the hub holds it: the feed event and the OPDs it concerns (empty: no OPD-bound audience).</summary>
public sealed record HubEvent<T>(long Id, T Data, IReadOnlyList<string> Opds);

/// <summary>
/// The node's single reader of one event table. It follows the table from where it stood when the node started,
/// woken by the silos' push (<paramref name="push"/>) or at <paramref name="pollInterval"/>, keeps the newest
/// <paramref name="capacity"/> events in memory and rings <see cref="Bell"/> when new ones arrive. Every open feed of
/// the node reads its live tail from here, so a thousand open feeds cost one reader, not a thousand pollers; a feed
/// whose position is older than what memory holds (a `Last-Event-ID` replay, a very slow client) pages PostgreSQL
/// itself until it catches up.
/// </summary>
public sealed partial class FeedHub<T>(
    string name,
    Func<long, int, CancellationToken, Task<IReadOnlyList<HubEvent<T>>>> readAfter,
    Func<CancellationToken, Task<long>> latestId,
    Doorbell? push,
    TimeSpan pollInterval,
    int capacity,
    int batchSize,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly Task NeverRings = new TaskCompletionSource().Task;

    private readonly object _gate = new();
    private readonly Queue<HubEvent<T>> _events = new();

    /// <summary>Every event with an id above this is in memory (once <see cref="IsFollowing"/>).</summary>
    private long _floor = long.MaxValue;

    private long _head;

    /// <summary>Rung after new events were taken into memory.</summary>
    public Doorbell Bell { get; } = new();

    public string Name => name;

    /// <summary>True once the hub knows where the table stood; before, every read goes to PostgreSQL.</summary>
    public bool IsFollowing { get { lock (_gate) return _floor != long.MaxValue; } }

    /// <summary>
    /// The events after <paramref name="after"/> that <paramref name="visible"/> admits, oldest first, at most
    /// <paramref name="limit"/>; false when memory does not reach back to <paramref name="after"/>.
    /// </summary>
    public bool TryRead(long after, Func<HubEvent<T>, bool> visible, int limit, out IReadOnlyList<FeedEvent<T>> events)
    {
        lock (_gate)
        {
            if (after < _floor)
            {
                events = [];
                return false;
            }
            var found = new List<FeedEvent<T>>();
            foreach (var e in _events)
            {
                if (e.Id <= after || !visible(e))
                    continue;
                found.Add(new FeedEvent<T>(e.Id, e.Data));
                if (found.Count == limit)
                    break;
            }
            events = found;
            return true;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var start = await latestId(stopping);
                lock (_gate)
                {
                    _head = start;
                    _floor = start;
                }
                break;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                LogReadFailed(logger, e, name);
                await Task.Delay(RetryDelay, time, stopping);
            }
        }
        Bell.Ring();
        while (!stopping.IsCancellationRequested)
        {
            var rung = push?.Next ?? NeverRings;
            try
            {
                await CatchUpAsync(stopping);
                // Poll anyway after the interval: a lost push only delays an event.
                await Doorbell.RungOrTimeoutAsync(rung, pollInterval, time, stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                LogReadFailed(logger, e, name);
                await Task.Delay(RetryDelay, time, stopping);
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken ct)
    {
        while (true)
        {
            var batch = await readAfter(_head, batchSize, ct);
            if (batch.Count == 0)
                return;
            lock (_gate)
            {
                foreach (var e in batch)
                    _events.Enqueue(e);
                _head = batch[^1].Id;
                while (_events.Count > capacity)
                    _floor = _events.Dequeue().Id;
            }
            Bell.Ring();
            if (batch.Count < batchSize)
                return;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed hub {Name} could not read its table; retrying")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string name);
}
