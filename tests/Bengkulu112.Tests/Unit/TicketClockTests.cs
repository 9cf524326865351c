using Bengkulu112.Alerts;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class TicketClockTests
{
    private static readonly DateTimeOffset Escalated = new(2026, 11, 28, 21, 40, 0, TimeSpan.Zero);

    private static TicketState Ticket(TicketStatus status) => new()
    {
        Status = status,
        EscalatedAt = Escalated,
        Deadlines = new TicketDeadlines(Escalated.AddMinutes(2), Escalated.AddMinutes(15), Escalated.AddHours(4)),
    };

    private static string[] Steps(TicketState ticket) => [.. TicketClock.Pending(ticket).Select(p => p.Step)];

    [Fact]
    public void An_escalated_ticket_waits_for_every_step_and_the_renotification() =>
        Assert.Equal(["renotify", "acknowledge", "on_scene", "resolve"], Steps(Ticket(TicketStatus.Escalated)));

    [Theory]
    [InlineData(TicketStatus.Acknowledged, new[] { "on_scene", "resolve" })]
    [InlineData(TicketStatus.OnScene, new[] { "resolve" })]
    [InlineData(TicketStatus.Resolved, new string[0])]
    [InlineData(TicketStatus.Closed, new string[0])]
    [InlineData(TicketStatus.Cancelled, new string[0])]
    public void Reached_steps_and_finished_tickets_make_deadlines_moot(TicketStatus status, string[] steps) =>
        Assert.Equal(steps, Steps(Ticket(status)));

    [Fact]
    public void A_ticket_never_escalated_has_no_clock() =>
        Assert.Null(TicketClock.NextDue(new TicketState { Status = TicketStatus.Open }));

    [Fact]
    public void Renotification_is_at_half_the_acknowledge_deadline() =>
        Assert.Equal(Escalated.AddMinutes(1), TicketClock.NextDue(Ticket(TicketStatus.Escalated)));

    [Fact]
    public void Due_points_come_in_time_order_and_fired_ones_never_again()
    {
        var ticket = Ticket(TicketStatus.Escalated);
        var due = TicketClock.Due(ticket, Escalated.AddMinutes(20));
        Assert.Equal(["renotify", "acknowledge", "on_scene"], due.Select(p => p.Step));

        ticket.FiredClocks.AddRange(due.Select(p => p.Key));
        Assert.Empty(TicketClock.Due(ticket, Escalated.AddMinutes(20)));
        Assert.Equal(Escalated.AddHours(4), TicketClock.NextDue(ticket));
    }

    [Fact]
    public void A_new_escalation_starts_new_points()
    {
        var first = Ticket(TicketStatus.Escalated);
        var again = Ticket(TicketStatus.Escalated);
        again.EscalatedAt = Escalated.AddMinutes(30);
        Assert.Empty(TicketClock.Pending(first).Select(p => p.Key).Intersect(TicketClock.Pending(again).Select(p => p.Key)));
    }

    [Fact]
    public void Nothing_is_due_before_its_time() =>
        Assert.Empty(TicketClock.Due(Ticket(TicketStatus.Escalated), Escalated.AddSeconds(59)));

    [Fact]
    public void A_renotification_raises_the_level_and_records_it_without_an_alert()
    {
        var ticket = Ticket(TicketStatus.Escalated);
        ticket.Opd = "DAMKAR";
        var due = TicketClock.Due(ticket, Escalated.AddMinutes(1));
        Assert.False(TicketClock.OffersToBackup(due));

        Assert.Empty(TicketClock.Act(ticket, due, null, Escalated.AddMinutes(1)));
        Assert.Equal(1, ticket.EscalationLevel);
        Assert.Equal(TimelineKinds.Renotified, Assert.Single(ticket.NewEntries).Entry.Kind);
        Assert.Empty(TicketClock.Due(ticket, Escalated.AddMinutes(1)));
    }

    [Fact]
    public void A_missed_acknowledgement_breaches_alerts_supervisors_and_offers_the_ticket_to_the_backup()
    {
        var ticket = Ticket(TicketStatus.Escalated);
        ticket.Opd = "DAMKAR";
        var now = Escalated.AddMinutes(3);
        var due = TicketClock.Due(ticket, now);
        Assert.True(TicketClock.OffersToBackup(due));

        var alerts = TicketClock.Act(ticket, due, "BPBD", now);
        Assert.Equal([AlertKinds.SlaBreached, AlertKinds.EscalationOverdue], alerts.Select(a => a.Kind));
        Assert.All(alerts, a => Assert.Equal(("DAMKAR", "acknowledge"), (a.Opd, a.Deadline)));
        Assert.Equal(["BPBD"], ticket.OfferedTo);
        Assert.Contains("BPBD", ticket.SupportingOpds);
        Assert.Equal("acknowledge", Assert.Single(ticket.Breaches).Deadline);
        Assert.Equal("supervisors alerted; offered to backup OPD BPBD", ticket.NewEntries[^1].Entry.Text);
    }

    [Fact]
    public void Without_an_active_backup_supervisors_are_still_alerted()
    {
        var ticket = Ticket(TicketStatus.Escalated);
        ticket.Opd = "DAMKAR";
        var now = Escalated.AddMinutes(3);
        Assert.Equal(2, TicketClock.Act(ticket, TicketClock.Due(ticket, now), null, now).Count);
        Assert.Empty(ticket.OfferedTo);
        Assert.Equal("supervisors alerted; no backup OPD", ticket.NewEntries[^1].Entry.Text);
    }
}
