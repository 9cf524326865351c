namespace Bengkulu112.Tickets;

/// <summary>One moment a ticket's clock must act at: re-notify the OPD, or a deadline.</summary>
/// <param name="Key">Unique per escalation and step: a point fires once, whichever timer or reminder gets there.</param>
public sealed record ClockPoint(string Key, string Step, DateTimeOffset DueAt);

/// <summary>
/// The escalation ladder and SLA deadlines of SPEC.md §2 Clocks, as a pure function of the ticket's state: which points
/// are still pending, which are due now. Deadlines count from the latest escalation; a step reached, or a ticket
/// resolved, closed or cancelled, makes its points moot.
/// </summary>
public static class TicketClock
{
    public const string Renotify = "renotify";
    public const string Acknowledge = "acknowledge";
    public const string OnScene = "on_scene";
    public const string Resolve = "resolve";

    /// <summary>Points not fired yet whose step has not been reached (some may already be due).</summary>
    public static IEnumerable<ClockPoint> Pending(TicketState ticket)
    {
        if (ticket.Deadlines is not { } d || ticket.EscalatedAt is not { } escalatedAt)
            yield break;
        var status = ticket.Status;
        var round = escalatedAt.UtcTicks;
        if (status == TicketStatus.Escalated)
        {
            yield return Point(round, Renotify, escalatedAt + (d.Acknowledge - escalatedAt) / 2);
            yield return Point(round, Acknowledge, d.Acknowledge);
        }
        if (status is TicketStatus.Escalated or TicketStatus.Acknowledged)
            yield return Point(round, OnScene, d.OnScene);
        if (status is TicketStatus.Escalated or TicketStatus.Acknowledged or TicketStatus.OnScene)
            yield return Point(round, Resolve, d.Resolve);

    }

    private static ClockPoint Point(long round, string step, DateTimeOffset due) => new($"{round}:{step}", step, due);

    public static IReadOnlyList<ClockPoint> Due(TicketState ticket, DateTimeOffset now) =>
        [.. Pending(ticket).Where(p => p.DueAt <= now && !ticket.FiredClocks.Contains(p.Key)).OrderBy(p => p.DueAt)];

    /// <summary>When the clock must act next, or null when nothing is pending.</summary>
    public static DateTimeOffset? NextDue(TicketState ticket) =>
        Pending(ticket).Where(p => !ticket.FiredClocks.Contains(p.Key)).Select(p => (DateTimeOffset?)p.DueAt).Min();
}
