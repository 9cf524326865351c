using Bengkulu112.Api.Streaming;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>A feed's wait for news: a ring ends it, so does the poll interval (quietly), and cancellation throws.</summary>
public sealed class DoorbellTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_ring_ends_the_wait_before_the_interval()
    {
        var bell = new Doorbell();
        var time = new FakeTimeProvider();
        var wait = Doorbell.RungOrTimeoutAsync(bell.Next, Poll, time, CancellationToken.None);
        Assert.False(wait.IsCompleted);

        bell.Ring();

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task The_interval_ends_the_wait_without_an_exception()
    {
        var time = new FakeTimeProvider();
        var wait = Doorbell.RungOrTimeoutAsync(new Doorbell().Next, Poll, time, CancellationToken.None);
        time.Advance(Poll - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Cancellation_ends_the_wait_with_an_exception()
    {
        using var stop = new CancellationTokenSource();
        var wait = Doorbell.RungOrTimeoutAsync(new Doorbell().Next, Poll, new FakeTimeProvider(), stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
