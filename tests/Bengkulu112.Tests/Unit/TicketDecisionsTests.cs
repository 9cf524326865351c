using Bengkulu112.Common;
using Bengkulu112.Routing;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>The ticket's rules, decided without a grain, a cluster or a clock.</summary>
public sealed class TicketDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 21, 40, 0, TimeSpan.Zero);
    private static readonly Actor Operator = new("op", "operator", null);
    private static readonly Actor Damkar = new("d", Actor.OpdRole, "DAMKAR");
    private static readonly Actor Bpbd = new("b", Actor.OpdRole, "BPBD");
    private static readonly RoutingRule Fire = new("fire", Priority.P1, "DAMKAR", ["DINKES"], SlaDeadlines.For(Priority.P1));

    private static TicketState Ticket(TicketStatus status, string? opd = "DAMKAR") => new()
    {
        Id = Guid.NewGuid(),
        Version = 3,
        Category = "fire",
        Status = status,
        Opd = opd,
    };

    private static TicketCommand Command(TicketTransition transition, string? text = null, string? opd = null, int? version = null) =>
        new(transition, opd, text, version);

    [Fact]
    public void An_opd_user_sees_only_tickets_of_its_own_opd()
    {
        var ticket = Ticket(TicketStatus.Escalated);
        Assert.Null(TicketDecisions.Visible(ticket, ticket.Id, Damkar));
        Assert.Null(TicketDecisions.Visible(ticket, ticket.Id, Operator));
        Assert.Equal(RefusalKind.NotFound, TicketDecisions.Visible(ticket, ticket.Id, Bpbd)!.Kind);
        Assert.Equal(RefusalKind.NotFound, TicketDecisions.Visible(null, ticket.Id, Operator)!.Kind);
    }

    [Fact]
    public void A_stale_if_match_is_refused_with_the_current_version()
    {
        var (plan, refusal) = TicketDecisions.Plan(Ticket(TicketStatus.Escalated), Command(TicketTransition.Acknowledge, version: 2), Operator);
        Assert.Null(plan);
        Assert.Equal(RefusalKind.PreconditionFailed, refusal!.Kind);
        Assert.Equal(3, refusal.CurrentVersion);
    }

    [Fact]
    public void Only_the_primary_opd_changes_a_ticket_it_supports()
    {
        var ticket = Ticket(TicketStatus.Escalated);
        ticket.SupportingOpds.Add("BPBD");
        var (_, refusal) = TicketDecisions.Plan(ticket, Command(TicketTransition.Acknowledge), Bpbd);
        Assert.Equal(RefusalKind.Forbidden, refusal!.Kind);
    }

    [Fact]
    public void A_backup_opd_offered_the_ticket_takes_it_over_by_acknowledging()
    {
        var ticket = Ticket(TicketStatus.Escalated);
        ticket.OfferedTo.Add("BPBD");
        ticket.SupportingOpds.Add("BPBD");
        var (plan, refusal) = TicketDecisions.Plan(ticket, Command(TicketTransition.Acknowledge), Bpbd);
        Assert.Null(refusal);
        Assert.True(plan!.Takeover);

        TicketDecisions.Apply(ticket, plan, Bpbd, null, Now);
        Assert.Equal("BPBD", ticket.Opd);
        Assert.Equal(["DAMKAR"], ticket.SupportingOpds);
        Assert.Empty(ticket.OfferedTo);
        Assert.Equal(TicketStatus.Acknowledged, ticket.Status);
        Assert.Equal(Now, ticket.AcknowledgedAt);
    }

    [Fact]
    public void A_transition_the_state_machine_forbids_is_a_conflict_naming_the_status()
    {
        var (_, refusal) = TicketDecisions.Plan(Ticket(TicketStatus.Closed), Command(TicketTransition.Acknowledge), Operator);
        Assert.Equal(RefusalKind.Conflict, refusal!.Kind);
        Assert.Equal(TicketStatus.Closed, refusal.CurrentStatus);
        Assert.Equal("A ticket that is closed cannot be acknowledged.", refusal.Detail);
    }

    [Fact]
    public void Escalating_an_acknowledged_ticket_re_escalates_it()
    {
        var (plan, _) = TicketDecisions.Plan(Ticket(TicketStatus.Acknowledged), Command(TicketTransition.Escalate), Operator);
        Assert.Equal(TicketTransition.Reescalate, plan!.Transition);
        Assert.Equal("DAMKAR", plan.Opd);
    }

    [Theory]
    [InlineData(TicketTransition.Resolve, "note")]
    [InlineData(TicketTransition.Reject, "reason")]
    [InlineData(TicketTransition.Cancel, "reason")]
    public void Transitions_that_need_text_name_their_field(TicketTransition transition, string field)
    {
        var status = transition == TicketTransition.Resolve ? TicketStatus.OnScene : TicketStatus.Escalated;
        var (plan, _) = TicketDecisions.Plan(Ticket(status), Command(transition, text: "  "), Operator);
        Assert.Equal([field], plan!.Errors.ToDictionary().Keys);
    }

    [Fact]
    public void Only_transitions_that_send_the_ticket_name_an_opd_and_text_has_a_limit()
    {
        var (plan, _) = TicketDecisions.Plan(Ticket(TicketStatus.Escalated),
            Command(TicketTransition.Acknowledge, text: new string('x', TicketCommandRules.MaxTextLength + 1), opd: "BPBD"), Operator);
        Assert.Equal(["note", "opd"], plan!.Errors.ToDictionary().Keys.Order());
    }

    [Fact]
    public void Escalation_restarts_the_deadlines_and_takes_the_routing_supporters()
    {
        var ticket = Ticket(TicketStatus.Open);
        var (plan, _) = TicketDecisions.Plan(ticket, Command(TicketTransition.Escalate), Operator);
        var kind = TicketDecisions.Apply(ticket, plan!, Operator, Fire, Now);

        Assert.Equal(TimelineKinds.Escalated, kind);
        Assert.Equal(TicketStatus.Escalated, ticket.Status);
        Assert.Equal(Now + TimeSpan.FromMinutes(2), ticket.Deadlines!.Acknowledge);
        Assert.Equal(["DINKES"], ticket.SupportingOpds);
        Assert.Equal(1, ticket.EscalationLevel);
        Assert.Equal(["DAMKAR", "DINKES"], ticket.NotifiedOpds);
        var row = Assert.Single(ticket.NewEntries);
        Assert.Equal(1, row.Seq);
        Assert.Equal((TicketStatus.Open, TicketStatus.Escalated), (row.Entry.FromStatus!.Value, row.Entry.ToStatus!.Value));
        Assert.Equal(Now, ticket.FirstEscalatedAt);
    }

    [Fact]
    public void A_repeated_note_key_answers_the_first_note_and_a_different_text_is_refused()
    {
        var ticket = Ticket(TicketStatus.Escalated);
        var key = TicketDecisions.NoteKey(Operator, "k1");
        Assert.Null(TicketDecisions.CheckNote(" hello "));
        var entry = TicketDecisions.AddNote(ticket, " hello ", Operator, key, Now);
        Assert.Equal("hello", entry.Text);
        Assert.Equal((1, 1, key), (ticket.NoteCount, ticket.TimelineLength, Assert.Single(ticket.NewEntries).NoteKey));

        Assert.Same(entry, TicketDecisions.Repeated(entry, "hello", ticket.Version).Entry);
        Assert.Equal(RefusalKind.IdempotencyMismatch, TicketDecisions.Repeated(entry, "other", ticket.Version).Failure!.Kind);
        Assert.NotEqual(key, TicketDecisions.NoteKey(Damkar, "k1"));
        Assert.Equal(RefusalKind.Invalid, TicketDecisions.CheckNote("   ")!.Failure!.Kind);
    }

    [Fact]
    public void A_finished_ticket_takes_no_more_calls() =>
        Assert.Equal(RefusalKind.Conflict, TicketDecisions.CanLinkCall(Ticket(TicketStatus.Cancelled))!.Kind);
}
