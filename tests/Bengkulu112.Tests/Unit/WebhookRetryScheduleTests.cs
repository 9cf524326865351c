using Bengkulu112.Webhooks;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class WebhookRetryScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 21, 40, 0, TimeSpan.Zero);

    private static readonly WebhookOptions Options = new()
    {
        FirstRetryDelay = TimeSpan.FromSeconds(5),
        MaxRetryDelay = TimeSpan.FromMinutes(10),
        GiveUpAfter = TimeSpan.FromHours(1),
    };

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(8, 600)] // 640 s capped at ten minutes
    [InlineData(40, 600)]
    public void Each_retry_waits_twice_as_long_up_to_the_cap(int attempt, int seconds)
    {
        var schedule = new RetrySchedule(Options, () => 0.5); // jitter factor exactly 1

        Assert.Equal(Start.AddSeconds(seconds), schedule.NextAttemptAt(attempt, Start, Start));
    }

    [Fact]
    public void Jitter_stays_within_twenty_percent()
    {
        Assert.Equal(Start.AddSeconds(4), new RetrySchedule(Options, () => 0.0).NextAttemptAt(1, Start, Start));
        Assert.True(new RetrySchedule(Options, () => 0.999).NextAttemptAt(1, Start, Start) < Start.AddSeconds(6));
    }

    [Fact]
    public void An_event_is_given_up_once_the_next_attempt_would_fall_after_the_give_up_time()
    {
        var schedule = new RetrySchedule(Options, () => 0.5);

        Assert.NotNull(schedule.NextAttemptAt(10, Start, Start.AddMinutes(49)));
        Assert.Null(schedule.NextAttemptAt(10, Start, Start.AddMinutes(51)));
    }

    [Fact]
    public void The_signature_is_the_lower_case_hex_hmac_of_the_body()
    {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a published test vector.
        var body = "The quick brown fox jumps over the lazy dog"u8;

        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
            WebhookSignature.Sign("key", body));
    }
}
