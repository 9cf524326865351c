using System.Threading.Channels;

namespace Bengkulu112.Common;

/// <summary>
/// Gathers items given concurrently and processes them together: every item waiting when a batch starts goes into
/// that batch, up to <c>maxBatch</c>, with at most <c>maxConcurrent</c> batches in flight; the next batch gathers
/// while they run. Each caller's task completes with its own item's result, or with the batch's exception.
/// </summary>
/// <remarks>One round trip to PostgreSQL for many grains instead of one each: under load batches grow by themselves,
/// and a lone item is processed at once, unless the batcher lingers: then a batch that is not full waits that long for
/// more items first (for work nobody waits on, where fewer and larger batches save more than they delay).</remarks>
public sealed class Batcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> process;
    private readonly Action<int, Exception> failed;
    private readonly int maxBatch;
    private readonly int maxConcurrent;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim slots;
    private readonly TimeSpan linger;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource disposing = new();
    private int queued; // a single-reader channel cannot count its items
    private volatile TaskCompletionSource filled = new(); // completed when the queue holds a full batch during a linger
    private readonly Task loop;

    /// <param name="process">Processes one batch; answers one result per item, in the items' order.</param>
    /// <param name="failed">Told the size of a batch that failed and why (every item of it fails with that exception).</param>
    /// <param name="linger">How long a batch that is not full waits for more items before it starts (zero: not at all).</param>
    /// <param name="time">The clock of the linger; by default real time, as it paces round trips to the database
    /// whatever clock the caller's business runs on.</param>
    public Batcher(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> process, Action<int, Exception> failed,
        int maxBatch, int maxConcurrent, TimeSpan linger = default, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linger, TimeSpan.Zero);
        this.process = process;
        this.failed = failed;
        this.maxBatch = maxBatch;
        this.maxConcurrent = maxConcurrent;
        this.linger = linger;
        this.time = time ?? TimeProvider.System;
        slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        loop = Task.Run(RunAsync);
    }

    /// <summary>Processes <paramref name="item"/> in the next batch; completes when that batch has ended.</summary>
    public Task<TResult> RunAsync(TItem item)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Interlocked.Increment(ref queued) >= maxBatch)
            filled.TrySetResult();
        if (!queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref queued);
            throw new ObjectDisposedException(GetType().Name, "Shutting down: the item was not processed.");
        }
        return pending.Result.Task;
    }

    /// <summary>Takes no more items and waits for those already taken to be processed.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await disposing.CancelAsync();
        await loop;
        for (var i = 0; i < maxConcurrent; i++)
            await slots.WaitAsync();
        disposing.Dispose();
    }

    private async Task RunAsync()
    {
        while (await queue.Reader.WaitToReadAsync())
        {
            await slots.WaitAsync();
            if (linger > TimeSpan.Zero)
                await LingerAsync();
            var batch = new List<Pending>();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var pending))
            {
                Interlocked.Decrement(ref queued);
                batch.Add(pending);
            }
            if (batch.Count == 0)
            {
                slots.Release();
                continue;
            }
            _ = ProcessAsync(batch);
        }
    }

    /// <summary>
    /// Waits <see cref="linger"/>, or less when a full batch is queued meanwhile or the batcher is disposed (what is
    /// queued then goes at once).
    /// </summary>
    private async Task LingerAsync()
    {
        // The signal is renewed before the count is read: an item given after the read completes this one.
        filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Volatile.Read(ref queued) >= maxBatch)
            return;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(disposing.Token);
        var wait = Task.Delay(linger, time, ended.Token);
        await Task.WhenAny(wait, filled.Task);
        await ended.CancelAsync(); // the delay's timer goes with it
    }

    private async Task ProcessAsync(List<Pending> batch)
    {
        try
        {
            var results = await process(batch.ConvertAll(p => p.Item));
            if (results.Count != batch.Count)
                throw new InvalidOperationException($"A batch of {batch.Count} answered {results.Count} results.");
            for (var i = 0; i < batch.Count; i++)
                batch[i].Result.TrySetResult(results[i]);
        }
        catch (Exception exception)
        {
            failed(batch.Count, exception);
            foreach (var pending in batch)
                pending.Result.TrySetException(exception);
        }
        finally
        {
            slots.Release();
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Result);
}
