using Bengkulu112.Callers;
using Bengkulu112.Calls;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class CallerScreeningTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly ScreeningOptions Defaults = new();

    private static RecordedCall Call(double daysAgo, Classification? classification) =>
        new(Guid.NewGuid(), Now.AddDays(-daysAgo), classification);

    [Fact]
    public void A_new_caller_is_not_flagged()
    {
        var figures = CallerScreening.Evaluate([], null, Now, Defaults);
        Assert.Equal(new ScreeningFigures(0, 0, false, null, null, null), figures);
    }

    [Fact]
    public void Three_pranks_in_the_window_flag_the_caller_automatically_and_say_why()
    {
        RecordedCall[] calls = [Call(20, Classification.Prank), Call(10, Classification.Prank), Call(1, Classification.Prank)];

        var figures = CallerScreening.Evaluate(calls, null, Now, Defaults);

        Assert.True(figures.Flagged);
        Assert.Equal(3, figures.PrankCalls);
        Assert.Equal("3 prank calls in the last 30 days", figures.FlagReason);
        Assert.Equal(CallerScreening.AutomaticFlagger, figures.FlaggedBy);
        Assert.Equal(Now.AddDays(-1), figures.FlaggedAt);
    }

    [Fact]
    public void Pranks_and_silent_calls_outside_the_window_do_not_count()
    {
        RecordedCall[] calls =
        [
            Call(45, Classification.Prank), Call(31, Classification.Prank), Call(2, Classification.Prank),
            Call(1, Classification.Prank), Call(40, Classification.Silent), Call(3, Classification.Silent),
            Call(1, Classification.NonEmergency), Call(0, null),
        ];

        var figures = CallerScreening.Evaluate(calls, null, Now, Defaults);

        Assert.Equal(2, figures.PrankCalls);
        Assert.Equal(1, figures.SilentCalls);
        Assert.False(figures.Flagged);
    }

    [Fact]
    public void Window_and_threshold_come_from_the_options()
    {
        RecordedCall[] calls = [Call(5, Classification.Prank), Call(1, Classification.Prank)];
        var strict = new ScreeningOptions { Window = TimeSpan.FromDays(3), PrankThreshold = 1 };

        var figures = CallerScreening.Evaluate(calls, null, Now, strict);

        Assert.Equal(1, figures.PrankCalls);
        Assert.True(figures.Flagged);
        Assert.Equal("1 prank calls in the last 3 days", figures.FlagReason);
    }

    [Fact]
    public void A_supervisor_flag_wins_over_the_automatic_reason_and_flags_without_pranks()
    {
        var flag = new SupervisorFlag("threatened a call taker", "sup-1", Now.AddHours(-1));

        var figures = CallerScreening.Evaluate([Call(1, Classification.Emergency)], flag, Now, Defaults);

        Assert.Equal(new ScreeningFigures(0, 0, true, "threatened a call taker", "sup-1", Now.AddHours(-1)), figures);
    }

    private static RecordedCall MinutesAgo(double minutes) => new(Guid.NewGuid(), Now.AddMinutes(-minutes), null);

    [Fact]
    public void A_number_flooding_the_line_is_flagged_but_its_calls_still_count()
    {
        var calls = Enumerable.Range(0, 10).Select(i => MinutesAgo(i * 0.5)).ToList();

        var figures = CallerScreening.Evaluate(calls, null, Now, Defaults);

        Assert.True(figures.Flagged);
        Assert.Equal("10 calls in the last 10 minutes (flooding the line)", figures.FlagReason);
        Assert.Equal(CallerScreening.AutomaticFlagger, figures.FlaggedBy);
    }

    [Fact]
    public void Calls_spread_beyond_the_flood_window_do_not_flag()
    {
        var calls = Enumerable.Range(0, 10).Select(i => MinutesAgo(i * 2)).ToList();
        Assert.False(CallerScreening.Evaluate(calls, null, Now, Defaults).Flagged);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_sequence_of_new_calls_screens_each_as_a_full_evaluation_of_the_calls_before_it(int seed)
    {
        var random = new Random(seed);
        Classification?[] kinds = [null, null, null, Classification.Prank, Classification.Silent, Classification.Emergency];
        for (var round = 0; round < 40; round++)
        {
            var options = new ScreeningOptions
            {
                PrankThreshold = random.Next(0, 5), FloodThreshold = random.Next(0, 8),
                FloodWindow = TimeSpan.FromMinutes(random.Next(1, 20)),
            };
            // Received times from 40 days ago to a few minutes ahead (a call taker may enter any received time).
            DateTimeOffset At() => Now.AddMinutes(random.Next(3) == 0 ? -random.Next(0, 57_600) : random.Next(-30, 5));
            var calls = Enumerable.Range(0, random.Next(0, 30))
                .Select(_ => new RecordedCall(Guid.NewGuid(), At(), kinds[random.Next(kinds.Length)])).ToList();
            var flag = random.Next(6) == 0 ? new SupervisorFlag("known prankster", "supervisor", Now.AddDays(-1)) : null;

            var sequence = new ScreeningSequence(new RecentCalls(calls), flag, Now, options);
            Assert.Equal(CallerScreening.Evaluate(calls, flag, Now, options), sequence.Current);
            for (var n = 0; n < 25; n++)
            {
                var call = new RecordedCall(Guid.NewGuid(), At(), null);
                calls.Add(call);
                sequence.Add(call.ReceivedAt);
                Assert.Equal(CallerScreening.Evaluate(calls, flag, Now, options), sequence.Current);
            }
        }
    }
}
