using Bengkulu112.Alerts;
using Bengkulu112.Common;

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

    /// <summary>Whether acting on <paramref name="due"/> offers the ticket to its OPD's backup (a missed acknowledgement).</summary>
    public static bool OffersToBackup(IEnumerable<ClockPoint> due) => due.Any(p => p.Step == Acknowledge);

    /// <summary>
    /// Acts on the <paramref name="due"/> points on <paramref name="ticket"/> (a copy): each is marked fired once; a
    /// renotification raises the escalation level; a passed deadline is a breach with its alert, and a missed
    /// acknowledgement also alerts supervisors and offers the ticket to <paramref name="backup"/> (the OPD's active
    /// backup, looked up by the grain, or null). Answers the alerts to store with the change.
    /// </summary>
    public static IReadOnlyList<AlertToRaise> Act(TicketState ticket, IEnumerable<ClockPoint> due, string? backup, DateTimeOffset now)
    {
        var alerts = new List<AlertToRaise>();
        var clock = Actor.System("clock");
        foreach (var point in due)
        {
            ticket.FiredClocks.Add(point.Key);
            var dedupe = $"{ticket.Id:N}:{point.Key}";
            if (point.Step == Renotify)
            {
                ticket.EscalationLevel++;
                TicketDecisions.Record(ticket, clock, TimelineKinds.Renotified, null, null, ticket.Opd,
                    $"not acknowledged yet; {ticket.Opd} notified again", now);
                continue;
            }
            ticket.Breaches.Add(new Breach(point.Step, now));
            alerts.Add(new AlertToRaise(dedupe + ":breach", AlertKinds.SlaBreached, ticket.Opd, point.Step, point.DueAt, now));
            TicketDecisions.Record(ticket, clock, TimelineKinds.SlaBreached, null, null, ticket.Opd,
                $"{point.Step} deadline {point.DueAt:u} passed", now);
            if (point.Step == Acknowledge)
            {
                ticket.EscalationLevel++;
                alerts.Add(new AlertToRaise(dedupe + ":overdue", AlertKinds.EscalationOverdue, ticket.Opd, point.Step, point.DueAt, now));
                OfferTo(ticket, backup);
                TicketDecisions.Record(ticket, clock, TimelineKinds.EscalationOverdue, null, null, ticket.Opd,
                    backup is null ? "supervisors alerted; no backup OPD" : $"supervisors alerted; offered to backup OPD {backup}", now);
            }
        }
        return alerts;
    }

    /// <summary>Offers the ticket to its OPD's backup, as a supporting OPD that may take it over.</summary>
    private static void OfferTo(TicketState ticket, string? backup)
    {
        if (backup is null)
            return;
        if (!ticket.OfferedTo.Contains(backup))
            ticket.OfferedTo.Add(backup);
        if (backup != ticket.Opd && !ticket.SupportingOpds.Contains(backup))
            ticket.SupportingOpds.Add(backup);
    }
}
