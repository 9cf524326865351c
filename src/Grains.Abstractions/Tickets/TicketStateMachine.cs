namespace Bengkulu112.Tickets;

/// <summary>
/// The only allowed ticket transitions:
/// <code>
/// open ─escalate→ escalated ─acknowledge→ acknowledged ─on_scene→ on_scene ─resolve→ resolved ─close→ closed
/// escalated ─reject→ open · acknowledged ─reescalate→ escalated · resolved ─reopen→ escalated
/// any status but closed (and cancelled) ─cancel→ cancelled
/// </code>
/// </summary>
public static class TicketStateMachine
{
    private static readonly Dictionary<(TicketStatus, TicketTransition), TicketStatus> Moves = new()
    {
        [(TicketStatus.Open, TicketTransition.Escalate)] = TicketStatus.Escalated,
        [(TicketStatus.Escalated, TicketTransition.Reject)] = TicketStatus.Open,
        [(TicketStatus.Escalated, TicketTransition.Acknowledge)] = TicketStatus.Acknowledged,
        [(TicketStatus.Acknowledged, TicketTransition.Reescalate)] = TicketStatus.Escalated,
        [(TicketStatus.Acknowledged, TicketTransition.OnScene)] = TicketStatus.OnScene,
        [(TicketStatus.OnScene, TicketTransition.Resolve)] = TicketStatus.Resolved,
        [(TicketStatus.Resolved, TicketTransition.Close)] = TicketStatus.Closed,
        [(TicketStatus.Resolved, TicketTransition.Reopen)] = TicketStatus.Escalated,
    };

    /// <summary>The status <paramref name="transition"/> leads to from <paramref name="from"/>, or null when it is not allowed.</summary>
    public static TicketStatus? Next(TicketStatus from, TicketTransition transition)
    {
        if (transition == TicketTransition.Cancel)
            return from is TicketStatus.Closed or TicketStatus.Cancelled ? null : TicketStatus.Cancelled;
        return Moves.TryGetValue((from, transition), out var to) ? to : null;
    }

    public static bool IsAllowed(TicketStatus from, TicketTransition transition) => Next(from, transition) is not null;

    /// <summary>Closed and cancelled tickets never change status again.</summary>
    public static bool IsTerminal(TicketStatus status) => status is TicketStatus.Closed or TicketStatus.Cancelled;
}
