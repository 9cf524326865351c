using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class TicketReminderPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WakeAhead = TimeSpan.FromSeconds(30);

    private static ReminderChange Decide(DateTimeOffset? firstTick, DateTimeOffset? next) =>
        TicketReminderPlan.Decide(firstTick, next, Now, Period, WakeAhead);

    [Fact]
    public void A_far_deadline_is_woken_for_ahead_of_it_not_every_period()
    {
        var change = Decide(null, Now.AddHours(24));
        Assert.Equal(ReminderStep.Register, change.Step);
        Assert.Equal(TimeSpan.FromHours(24) - WakeAhead, change.DueTime);
    }

    [Fact]
    public void A_point_closer_than_the_wake_ahead_gets_a_backstop_tick_soon_not_one_in_the_past()
    {
        var change = Decide(null, Now.AddSeconds(10));
        Assert.Equal(ReminderStep.Register, change.Step);
        Assert.Equal(WakeAhead, change.DueTime);
    }

    [Fact]
    public void A_reminder_that_ticks_every_period_is_moved_on_once_the_next_point_is_far()
    {
        var change = Decide(Now.AddSeconds(-5), Now.AddHours(2));
        Assert.Equal(ReminderStep.Postpone, change.Step);
        Assert.Equal(TimeSpan.FromHours(2) - WakeAhead, change.DueTime);
    }

    [Fact]
    public void A_reminder_that_ticks_every_period_is_kept_for_a_point_within_a_period() =>
        Assert.Equal(ReminderStep.Keep, Decide(Now.AddSeconds(-5), Now.AddSeconds(80)).Step);

    [Fact]
    public void A_later_next_point_keeps_a_reminder_due_sooner_it_is_moved_on_when_it_ticks() =>
        Assert.Equal(ReminderStep.Keep, Decide(Now.AddMinutes(4), Now.AddHours(24)).Step);

    [Fact]
    public void An_earlier_next_point_brings_the_reminder_forward()
    {
        var change = Decide(Now.AddHours(24), Now.AddMinutes(10));
        Assert.Equal(ReminderStep.Register, change.Step);
        Assert.Equal(TimeSpan.FromMinutes(10) - WakeAhead, change.DueTime);
    }

    [Fact]
    public void A_reminder_due_within_a_period_of_a_close_point_is_in_time() =>
        Assert.Equal(ReminderStep.Keep, Decide(Now.AddSeconds(50), Now.AddSeconds(20)).Step);

    [Theory]
    [InlineData(true, ReminderStep.Remove)]
    [InlineData(false, ReminderStep.Keep)]
    public void Nothing_pending_removes_a_registered_reminder(bool registered, ReminderStep step) =>
        Assert.Equal(step, Decide(registered ? Now.AddMinutes(3) : null, null).Step);

    [Fact]
    public void Whatever_is_registered_ticks_by_the_moment_the_next_activation_assumes()
    {
        // Every registration's first tick is at or before what an activation assumes of a reminder it finds.
        foreach (var seconds in new[] { 1, 10, 29, 30, 31, 59, 60, 61, 89, 90, 91, 3600, 86400 })
        {
            var point = Now.AddSeconds(seconds);
            var registered = Now + Decide(null, point).DueTime;
            Assert.True(registered <= TicketReminderPlan.TickNeededBy(point, Now, Period, WakeAhead), $"point in {seconds} s");
            Assert.Equal(ReminderStep.Keep, Decide(registered, point).Step);
        }
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(119, true)]
    [InlineData(120, false)]
    [InlineData(0, false)]
    public void The_wake_ahead_must_come_before_an_idle_ticket_is_collected(int seconds, bool valid) =>
        Assert.Equal(valid, new TicketClockOptions { WakeAhead = TimeSpan.FromSeconds(seconds) }.IsValid());
}
