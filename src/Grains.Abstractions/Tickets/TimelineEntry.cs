namespace Bengkulu112.Tickets;

/// <summary>
/// One change in a ticket's life: who (username and display name; entries written before accounts have no display
/// name), when, what (API.md `TimelineEntry`).
/// </summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Kind,
    [property: Id(3)] TicketStatus? FromStatus,
    [property: Id(4)] TicketStatus? ToStatus,
    [property: Id(5)] string? Opd,
    [property: Id(6)] string? Text,
    [property: Id(7)] string? ActorName = null);

/// <summary>The `kind` values a timeline entry can have.</summary>
public static class TimelineKinds
{
    public const string Created = "created";
    public const string Escalated = "escalated";
    public const string Reescalated = "reescalated";
    public const string Acknowledged = "acknowledged";
    public const string OnScene = "on_scene";
    public const string Resolved = "resolved";
    public const string Rejected = "rejected";
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";
    public const string Reopened = "reopened";
    public const string Note = "note";
    public const string CallLinked = "call_linked";
    public const string Renotified = "renotified";
    public const string SlaBreached = "sla_breached";
    public const string EscalationOverdue = "escalation_overdue";
}
