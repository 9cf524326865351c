using System.Threading.Channels;

namespace Bengkulu112.Common;

/// <summary>
/// Gathers items given concurrently and processes them together: every item waiting when a batch starts goes into
/// that batch, up to <c>maxBatch</c>, with at most <c>maxConcurrent</c> batches in flight; the next batch gathers
/// while they run. Each caller's task completes with its own item's result, or with the batch's exception.
/// </summary>
/// <remarks>One round trip to PostgreSQL for many grains instead of one each: under load batches grow by themselves,
/// and a lone item is processed at once.</remarks>
public sealed class Batcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> process;
    private readonly Action<int, Exception> failed;
    private readonly int maxBatch;
    private readonly int maxConcurrent;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim slots;
    private readonly Task loop;

    /// <param name="process">Processes one batch; answers one result per item, in the items' order.</param>
    /// <param name="failed">Told the size of a batch that failed and why (every item of it fails with that exception).</param>
    public Batcher(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> process, Action<int, Exception> failed,
        int maxBatch, int maxConcurrent)
    {
        this.process = process;
        this.failed = failed;
        this.maxBatch = maxBatch;
        this.maxConcurrent = maxConcurrent;
        slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        loop = Task.Run(RunAsync);
    }

    /// <summary>Processes <paramref name="item"/> in the next batch; completes when that batch has ended.</summary>
    public Task<TResult> RunAsync(TItem item)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(GetType().Name, "Shutting down: the item was not processed.");
        return pending.Result.Task;
    }

    /// <summary>Takes no more items and waits for those already taken to be processed.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        for (var i = 0; i < maxConcurrent; i++)
            await slots.WaitAsync();
    }

    private async Task RunAsync()
    {
        while (await queue.Reader.WaitToReadAsync())
        {
            await slots.WaitAsync();
            var batch = new List<Pending>();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            if (batch.Count == 0)
            {
                slots.Release();
                continue;
            }
            _ = ProcessAsync(batch);
        }
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
