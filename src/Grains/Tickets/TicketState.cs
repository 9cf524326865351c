using System.Text.Json.Serialization;
using Bengkulu112.Common;

namespace Bengkulu112.Tickets;

/// <summary>Everything a ticket grain knows, stored as JSON in `tickets.state`.</summary>
public sealed class TicketState
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public int Version { get; set; }
    public string Category { get; set; } = "";
    public Priority Priority { get; set; }
    public TicketStatus Status { get; set; }
    public string Description { get; set; } = "";
    public Location Location { get; set; } = new(null, null, null, null, null);
    public BloodRequest? Blood { get; set; }
    public List<Guid> CallIds { get; set; } = [];
    public string? Opd { get; set; }
    public List<string> SupportingOpds { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? OnSceneAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public TicketDeadlines? Deadlines { get; set; }
    public List<Breach> Breaches { get; set; } = [];
    public int EscalationLevel { get; set; }

    /// <summary>How many entries the ticket's timeline has: they are rows of `ticket_timeline` numbered 1 to this.</summary>
    public int TimelineLength { get; set; }

    /// <summary>How many of those entries are notes (the per-ticket note limit counts them).</summary>
    public int NoteCount { get; set; }

    /// <summary>When the ticket was first escalated (call processing time counts to it), or null before that.</summary>
    public DateTimeOffset? FirstEscalatedAt { get; set; }

    /// <summary>
    /// The entries this change adds, stored as rows in the transaction that stores this version; not part of the state's
    /// JSON, so a copy made for the next change starts with none.
    /// </summary>
    [JsonIgnore]
    public List<TimelineRow> NewEntries { get; } = [];

    /// <summary>Clock points already acted on (see <see cref="TicketClock"/>): each acts once.</summary>
    public List<string> FiredClocks { get; set; } = [];

    /// <summary>Backup OPDs the ticket was offered to when its OPD did not acknowledge in time; one may take it over.</summary>
    public List<string> OfferedTo { get; set; } = [];

    /// <summary>Every OPD the ticket was ever assigned to (primary or supporting): all hear of each change.</summary>
    public List<string> NotifiedOpds { get; set; } = [];

    /// <summary>Fingerprint of the request that opened the ticket (Idempotency-Key replays compare it).</summary>
    public string OpenFingerprint { get; set; } = "";

    /// <summary>The deadline of the step the ticket waits for now, or null when it waits for none.</summary>
    public DateTimeOffset? NextDeadline => Deadlines is not { } d ? null : Status switch
    {
        TicketStatus.Escalated => d.Acknowledge,
        TicketStatus.Acknowledged => d.OnScene,
        TicketStatus.OnScene => d.Resolve,
        _ => null,
    };

    /// <summary>The OPDs this ticket concerns now: its primary and its supporting OPDs.</summary>
    public IEnumerable<string> Opds => Opd is null ? SupportingOpds : SupportingOpds.Prepend(Opd);

    public TicketDetails ToDetails() => new(Id, Number, Category, Priority, Status, Description, Location, Blood,
        [.. CallIds], Opd, [.. SupportingOpds], CreatedAt, EscalatedAt, AcknowledgedAt, OnSceneAt, ResolvedAt, ClosedAt,
        Deadlines, [.. Breaches], EscalationLevel, Version, CancelledAt, UpdatedAt);
}
