namespace Bengkulu112.Tickets;

/// <summary>What to do with a ticket's durable reminder (<see cref="TicketReminderPlan.Decide"/>).</summary>
public enum ReminderStep
{
    /// <summary>The reminder as registered ticks in time for the next clock point.</summary>
    Keep,

    /// <summary>Register it to tick at <see cref="ReminderChange.DueTime"/> before the change that needs it is stored: it
    /// would tick too late (or there is none).</summary>
    Register,

    /// <summary>Register it to tick later, after the change is stored: it ticks every period with no point near.</summary>
    Postpone,

    /// <summary>No point is pending: remove it.</summary>
    Remove,
}

/// <param name="DueTime">From now to the reminder's first tick (<see cref="ReminderStep.Register"/>, <see cref="ReminderStep.Postpone"/>).</param>
public readonly record struct ReminderChange(ReminderStep Step, TimeSpan DueTime);

/// <summary>
/// When a ticket's durable reminder ticks. The exact moment of a clock point is kept by a grain timer; the reminder
/// first ticks a little ahead of the next point (<see cref="TicketClockOptions.WakeAhead"/>), which wakes a ticket its
/// silo deactivated while it waited hours for a deadline, then every period after, which acts for a timer that died
/// with its silo. Once that point has acted, the reminder is moved on to the next one.
/// </summary>
/// <remarks>
/// A reminder that ticked every period from escalation to close, as it used to, kept every ticket with a pending
/// deadline active for its whole life and cost 100,000 open tickets about 1,700 ticks a second (docs/benchmarks.md).
/// </remarks>
public static class TicketReminderPlan
{
    /// <summary>A registered first tick this much later than wanted still counts as in time (clocks, rounding).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    /// <summary>
    /// What to do with the reminder for a ticket whose next clock point is <paramref name="next"/> (null: none pending).
    /// <paramref name="firstTick"/> is when the registered reminder ticks first (null: none registered); one at or before
    /// <paramref name="now"/> has ticked and ticks every <paramref name="period"/>.
    /// </summary>
    public static ReminderChange Decide(DateTimeOffset? firstTick, DateTimeOffset? next, DateTimeOffset now,
        TimeSpan period, TimeSpan wakeAhead)
    {
        if (next is not { } point)
            return new(firstTick is null ? ReminderStep.Keep : ReminderStep.Remove, TimeSpan.Zero);
        var wanted = WantedFirstTick(point, now, period, wakeAhead);
        if (firstTick is not { } first)
            return new(ReminderStep.Register, wanted - now);
        // A reminder that has ticked ticks again within a period; one that has not must tick before the ticket would
        // need waking, or, for a point closer than that, within a period.
        if (first > now && first > TickNeededBy(point, now, period, wakeAhead) + Tolerance)
            return new(ReminderStep.Register, wanted - now);
        if (first <= now && point - wakeAhead > now + period)
            return new(ReminderStep.Postpone, wanted - now);
        return new(ReminderStep.Keep, TimeSpan.Zero);
    }

    /// <summary>
    /// The moment by which a reminder must tick for <paramref name="point"/>: <paramref name="wakeAhead"/> before it, or
    /// within a period when that comes later (the ticket is active now and stays so until then; the tick is the backstop).
    /// An activation that finds a reminder registered assumes this of it: every registration made sure of it.
    /// </summary>
    public static DateTimeOffset TickNeededBy(DateTimeOffset point, DateTimeOffset now, TimeSpan period, TimeSpan wakeAhead)
    {
        var ahead = point - wakeAhead;
        return ahead > now + period ? ahead : now + period;
    }

    /// <summary>
    /// The first tick a reminder registered now should have for <paramref name="point"/>: <paramref name="wakeAhead"/>
    /// before it, but not sooner than the lesser of that and a period from now (a point that close finds the ticket
    /// active, its timer armed; the reminder is then the backstop).
    /// </summary>
    public static DateTimeOffset WantedFirstTick(DateTimeOffset point, DateTimeOffset now, TimeSpan period, TimeSpan wakeAhead)
    {
        var soonest = now + (wakeAhead < period ? wakeAhead : period);
        var ahead = point - wakeAhead;
        return ahead > soonest ? ahead : soonest;
    }
}
