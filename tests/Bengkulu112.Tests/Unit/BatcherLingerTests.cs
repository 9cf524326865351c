using Bengkulu112.Common;
using Bengkulu112.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>A lingering batcher holds a batch that is not full for its linger, and lets it go at once when disposed.</summary>
public sealed class BatcherLingerTests
{
    private static readonly TimeSpan Linger = TimeSpan.FromMinutes(1);

    private sealed class Recorder
    {
        public readonly List<int[]> Batches = [];

        public Task<IReadOnlyList<int>> Process(IReadOnlyList<int> items)
        {
            lock (Batches)
                Batches.Add([.. items]);
            return Task.FromResult<IReadOnlyList<int>>([.. items.Select(i => i * 10)]);
        }
    }

    [Fact]
    public async Task Items_given_while_a_batch_lingers_go_into_that_batch()
    {
        var recorder = new Recorder();
        var time = new FakeTimeProvider();
        await using var batcher = new Batcher<int, int>(recorder.Process, (_, _) => { }, maxBatch: 10, maxConcurrent: 1,
            Linger, time);

        var first = batcher.RunAsync(1);
        var second = batcher.RunAsync(2);
        Assert.False(first.IsCompleted); // the fake clock has not moved: the linger has not ended

        // The batcher's loop may not have reached its wait yet: move the clock until the batch has gone.
        await Eventually.Within(TimeSpan.FromSeconds(10), () =>
        {
            time.Advance(Linger);
            return Task.FromResult(first.IsCompleted);
        }, done => done);

        var results = await Task.WhenAll(first, second);
        Assert.Equal([10, 20], results);
        Assert.Equal([1, 2], Assert.Single(recorder.Batches));
    }

    [Fact]
    public async Task A_full_batch_does_not_linger()
    {
        var recorder = new Recorder();
        var batcher = new Batcher<int, int>(recorder.Process, (_, _) => { }, maxBatch: 2, maxConcurrent: 1,
            Linger, new FakeTimeProvider());

        // The fake clock never moves: only a full batch can end the linger. The deadline fails the test otherwise.
        var values = await Task.WhenAll(batcher.RunAsync(1), batcher.RunAsync(2)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([10, 20], values);
        await batcher.DisposeAsync();
    }

    [Fact]
    public async Task Disposing_ends_the_linger_and_processes_what_waits()
    {
        var recorder = new Recorder();
        var batcher = new Batcher<int, int>(recorder.Process, (_, _) => { }, maxBatch: 10, maxConcurrent: 1,
            Linger, new FakeTimeProvider());
        var waiting = batcher.RunAsync(7);

        await batcher.DisposeAsync(); // the fake clock never moves: only disposing can end the linger

        Assert.Equal(70, await waiting);
        Assert.Equal([7], Assert.Single(recorder.Batches));
    }
}
