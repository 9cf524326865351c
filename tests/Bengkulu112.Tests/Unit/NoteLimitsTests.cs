using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>The note limits as pure rules: notes per ticket, and per person in a sliding minute.</summary>
public sealed class NoteLimitsTests
{
    private static readonly NoteLimitOptions Limits = new() { MaxPerTicket = 500, MaxPerPersonPerMinute = 10 };

    [Fact]
    public void A_ticket_takes_notes_until_it_holds_the_most_it_may()
    {
        Assert.Null(NoteLimits.PerTicket(499, Limits));
        var refusal = NoteLimits.PerTicket(500, Limits);
        Assert.Equal((RefusalKind.NoteLimitReached, 500), (refusal!.Kind, refusal.Max));
        Assert.Null(refusal.RetryAfter);
    }

    [Fact]
    public void The_eleventh_note_within_a_minute_waits_until_the_first_leaves_the_minute()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
        var written = new List<DateTimeOffset>();
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(NoteLimits.PerPerson(Recent(written, clock), clock.GetUtcNow(), Limits));
            written.Add(clock.GetUtcNow());
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        // 20 s after the first note: it leaves the minute in 40 s.
        var refused = NoteLimits.PerPerson(Recent(written, clock), clock.GetUtcNow(), Limits);
        Assert.Equal(RefusalKind.TooManyNotes, refused!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);

        clock.Advance(TimeSpan.FromSeconds(39));
        Assert.Equal(TimeSpan.FromSeconds(1), NoteLimits.PerPerson(Recent(written, clock), clock.GetUtcNow(), Limits)!.RetryAfter);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(NoteLimits.PerPerson(Recent(written, clock), clock.GetUtcNow(), Limits));
    }

    [Fact]
    public void A_wait_of_a_fraction_of_a_second_is_answered_as_one_second()
    {
        var now = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        var recent = Enumerable.Range(0, 10).Select(i => now - TimeSpan.FromSeconds(59.7) + TimeSpan.FromSeconds(i)).ToList();
        Assert.Equal(TimeSpan.FromSeconds(1), NoteLimits.PerPerson(recent, now, Limits)!.RetryAfter);
    }

    /// <summary>What the store answers: the person's latest notes inside the window, oldest first, at most the limit.</summary>
    private static List<DateTimeOffset> Recent(List<DateTimeOffset> written, FakeTimeProvider clock) =>
        [.. written.Where(at => at > NoteLimits.WindowStart(clock.GetUtcNow())).TakeLast(Limits.MaxPerPersonPerMinute)];
}
