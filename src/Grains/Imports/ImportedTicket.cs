using Bengkulu112.Common;
using Bengkulu112.Domain;
using Bengkulu112.Routing;
using Bengkulu112.Tickets;

namespace Bengkulu112.Imports;

/// <summary>
/// The ticket an imported emergency row becomes (API.md "History import"), free of grain and storage: the row's own
/// times, the status of the latest one, a timeline of the steps (rows written with the ticket), and the breaches its times show against the routing
/// deadlines in force. Its clock has nothing left to do (every point is marked fired): history raises no alert.
/// </summary>
public static class ImportedTicket
{
    /// <summary>Who the timeline names for imported steps.</summary>
    public const string Actor = "import";

    private static readonly Common.Actor Importer = new(Actor, "import", null);

    public static TicketState Build(ImportRecord row, RoutingRule rule, string number, DateTimeOffset now)
    {
        var opd = row.Opd ?? rule.PrimaryOpd;
        var ticket = new TicketState
        {
            Id = row.CallId,
            Number = number,
            Version = 1,
            Category = row.Category!,
            Priority = rule.Priority,
            Status = TicketStatus.Open,
            Description = row.Description ?? Categories.All.First(c => c.Code == row.Category).LabelId,
            Location = row.Location ?? new Location(null, null, null, null, null),
            CallIds = [row.CallId],
            Opd = opd,
            SupportingOpds = [.. rule.SupportingOpds.Where(s => s != opd)],
            CreatedAt = row.ReceivedAt,
            CreatedBy = Actor,
            EscalatedAt = row.EscalatedAt,
            AcknowledgedAt = row.AcknowledgedAt,
            OnSceneAt = row.OnSceneAt,
            ResolvedAt = row.ResolvedAt,
            ClosedAt = row.ClosedAt,
            CancelledAt = row.CancelledAt,
            EscalationLevel = row.EscalatedAt is null ? 0 : 1,
            OpenFingerprint = "import:" + row.Key,
        };
        ticket.NotifiedOpds = [.. ticket.Opds];

        Step(ticket, TimelineKinds.Created, row.ReceivedAt, TicketStatus.Open, row.Note);
        Step(ticket, TimelineKinds.Escalated, row.EscalatedAt, TicketStatus.Escalated);
        Step(ticket, TimelineKinds.Acknowledged, row.AcknowledgedAt, TicketStatus.Acknowledged);
        Step(ticket, TimelineKinds.OnScene, row.OnSceneAt, TicketStatus.OnScene);
        Step(ticket, TimelineKinds.Resolved, row.ResolvedAt, TicketStatus.Resolved);
        Step(ticket, TimelineKinds.Closed, row.ClosedAt, TicketStatus.Closed);
        Step(ticket, TimelineKinds.Cancelled, row.CancelledAt, TicketStatus.Cancelled);

        if (row.EscalatedAt is { } escalated)
        {
            ticket.Deadlines = new TicketDeadlines(escalated + rule.Deadlines.Acknowledge, escalated + rule.Deadlines.OnScene,
                escalated + rule.Deadlines.Resolve);
            ticket.Breaches = Breaches(row, ticket.Deadlines, now);
        }
        // Every point of the clock counts as acted on: a ticket still open in the records waits for nobody now.
        ticket.FiredClocks = [.. TicketClock.Pending(ticket).Select(p => p.Key)];
        return ticket;
    }

    /// <summary>
    /// A deadline is breached when its step was reached after it, or never reached while the ticket was still waiting
    /// for it when it passed; a step made moot in time (a later step, resolution, cancellation) breaches nothing.
    /// </summary>
    public static List<Breach> Breaches(ImportRecord row, TicketDeadlines deadlines, DateTimeOffset now)
    {
        var after = new (string Step, DateTimeOffset Due, DateTimeOffset?[] Ends)[]
        {
            (TicketClock.Acknowledge, deadlines.Acknowledge, [row.AcknowledgedAt, row.OnSceneAt, row.ResolvedAt, row.ClosedAt, row.CancelledAt]),
            (TicketClock.OnScene, deadlines.OnScene, [row.OnSceneAt, row.ResolvedAt, row.ClosedAt, row.CancelledAt]),
            (TicketClock.Resolve, deadlines.Resolve, [row.ResolvedAt, row.ClosedAt, row.CancelledAt]),
        };
        var breaches = new List<Breach>();
        foreach (var (step, due, ends) in after)
        {
            var end = ends.Where(e => e is not null).Min() ?? now;
            if (end > due)
                breaches.Add(new Breach(step, due));
        }
        return breaches;
    }

    private static void Step(TicketState ticket, string kind, DateTimeOffset? at, TicketStatus to, string? text = null)
    {
        if (at is not { } time)
            return;
        var from = kind == TimelineKinds.Created ? (TicketStatus?)null : ticket.Status;
        TicketDecisions.Record(ticket, Importer, kind, from, to, ticket.Opd, text, time);
        ticket.Status = to;
    }
}
