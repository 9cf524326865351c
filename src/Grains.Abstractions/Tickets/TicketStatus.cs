namespace Bengkulu112.Tickets;

/// <summary>Where a ticket is in its life (SPEC.md §2 Tickets); serialised as the lower-case codes.</summary>
public enum TicketStatus
{
    Open,
    Escalated,
    Acknowledged,
    OnScene,
    Resolved,
    Closed,
    Cancelled,
}

/// <summary>The commands that move a ticket between statuses.</summary>
public enum TicketTransition
{
    Escalate,
    Reject,
    Acknowledge,
    Reescalate,
    OnScene,
    Resolve,
    Close,
    Reopen,
    Cancel,
}
