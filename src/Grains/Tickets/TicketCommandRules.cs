namespace Bengkulu112.Tickets;

/// <summary>What each transition asks of its command: a text field, an OPD, the word for it, its timeline kind.</summary>
public static class TicketCommandRules
{
    public const int MaxTextLength = 2000;

    /// <summary>The body field that must carry text for this transition, or null when text is optional.</summary>
    public static string? RequiredText(TicketTransition transition) => transition switch
    {
        TicketTransition.Resolve => "note",
        TicketTransition.Reject or TicketTransition.Cancel or TicketTransition.Reopen => "reason",
        _ => null,
    };

    public static bool TakesOpd(TicketTransition transition) =>
        transition is TicketTransition.Escalate or TicketTransition.Reescalate or TicketTransition.Reopen;

    public static string Verb(TicketTransition transition) => transition switch
    {
        TicketTransition.Escalate => "escalated",
        TicketTransition.Reescalate => "re-escalated",
        TicketTransition.Acknowledge => "acknowledged",
        TicketTransition.OnScene => "marked on scene",
        TicketTransition.Resolve => "resolved",
        TicketTransition.Reject => "rejected",
        TicketTransition.Close => "closed",
        TicketTransition.Cancel => "cancelled",
        TicketTransition.Reopen => "reopened",
        _ => transition.ToString().ToLowerInvariant(),
    };

    public static string TimelineKind(TicketTransition transition) => transition switch
    {
        TicketTransition.Escalate => TimelineKinds.Escalated,
        TicketTransition.Reescalate => TimelineKinds.Reescalated,
        TicketTransition.Acknowledge => TimelineKinds.Acknowledged,
        TicketTransition.OnScene => TimelineKinds.OnScene,
        TicketTransition.Resolve => TimelineKinds.Resolved,
        TicketTransition.Reject => TimelineKinds.Rejected,
        TicketTransition.Close => TimelineKinds.Closed,
        TicketTransition.Cancel => TimelineKinds.Cancelled,
        TicketTransition.Reopen => TimelineKinds.Reopened,
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, null),
    };
}
