namespace Bengkulu112.Tickets;

/// <summary>An alert a ticket raises with a change; stored in the same transaction, once per <see cref="DedupeKey"/>.</summary>
public sealed record AlertToRaise(string DedupeKey, string Kind, string? Opd, string Deadline, DateTimeOffset DueAt, DateTimeOffset RaisedAt)
{
    public const string SlaBreached = "sla.breached";
    public const string EscalationOverdue = "escalation.overdue";
}
