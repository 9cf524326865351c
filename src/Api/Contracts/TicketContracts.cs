using Bengkulu112.Common;
using Bengkulu112.Tickets;

namespace Bengkulu112.Api.Contracts;

/// <summary>`Ticket` of API.md.</summary>
public sealed record TicketResponse(
    Guid Id,
    string Number,
    string Category,
    Priority Priority,
    TicketStatus Status,
    string Description,
    LocationBody Location,
    BloodBody? Blood,
    IReadOnlyList<Guid> CallIds,
    string? Opd,
    IReadOnlyList<string> SupportingOpds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? OnSceneAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? CancelledAt,
    DeadlinesBody? Deadlines,
    IReadOnlyList<BreachBody> Breaches,
    int EscalationLevel,
    int Version,
    DateTimeOffset UpdatedAt)
{
    public static TicketResponse From(TicketDetails t) => new(t.Id, t.Number, t.Category, t.Priority, t.Status,
        t.Description, LocationBody.From(t.Location)!, BloodBody.From(t.Blood), t.CallIds, t.Opd, t.SupportingOpds,
        t.CreatedAt, t.EscalatedAt, t.AcknowledgedAt, t.OnSceneAt, t.ResolvedAt, t.ClosedAt, t.CancelledAt,
        t.Deadlines is { } d ? new DeadlinesBody(d.Acknowledge, d.OnScene, d.Resolve) : null,
        [.. t.Breaches.Select(b => new BreachBody(b.Deadline, b.BreachedAt))], t.EscalationLevel, t.Version, t.UpdatedAt);
}

public sealed record DeadlinesBody(DateTimeOffset Acknowledge, DateTimeOffset OnScene, DateTimeOffset Resolve);

public sealed record BreachBody(string Deadline, DateTimeOffset BreachedAt);

/// <summary>`{ address?, kelurahan?, kecamatan?, lat?, lon? }` in and out.</summary>
public sealed record LocationBody(string? Address, string? Kelurahan, string? Kecamatan, double? Lat, double? Lon)
{
    public Location ToLocation() => new(Address, Kelurahan, Kecamatan, Lat, Lon);

    public static LocationBody? From(Location? l) => l is null ? null : new(l.Address, l.Kelurahan, l.Kecamatan, l.Lat, l.Lon);
}

/// <summary>`{ group, units, hospital }` of a blood ticket.</summary>
public sealed record BloodBody(string? Group, int? Units, string? Hospital)
{
    public BloodRequest ToRequest() => new(Group ?? "", Units ?? 0, Hospital ?? "");

    public static BloodBody? From(BloodRequest? b) => b is null ? null : new(b.Group, b.Units, b.Hospital);
}

/// <summary>Body of `POST /tickets` (and the `ticket` of a call's classification).</summary>
public sealed record TicketCreateRequest(
    string? Category,
    string? Description,
    LocationBody? Location,
    Priority? Priority,
    string? Opd,
    IReadOnlyList<Guid>? CallIds,
    BloodBody? Blood)
{
    public TicketDraft ToDraft() => new(Category ?? "", Description ?? "",
        Location?.ToLocation() ?? null!, Priority, Opd, CallIds ?? [], Blood?.ToRequest());
}

/// <summary>`TicketSummary`: one row of `GET /tickets`.</summary>
public record TicketSummaryResponse(
    Guid Id,
    string Number,
    string Category,
    Priority Priority,
    TicketStatus Status,
    string? Opd,
    IReadOnlyList<string> SupportingOpds,
    string Description,
    string? Address,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDeadline,
    int Version);

/// <summary>One item of `GET /tickets/suggestions`: a `TicketSummary` and its distance from the caller, if known.</summary>
public sealed record TicketSuggestionResponse : TicketSummaryResponse
{
    public TicketSuggestionResponse(TicketSummaryResponse summary, double? distanceM) : base(summary) => DistanceM = distanceM;

    public double? DistanceM { get; }
}

/// <summary>The answer of `GET /tickets/suggestions`.</summary>
public sealed record TicketSuggestionsResponse(IReadOnlyList<TicketSuggestionResponse> Items);

/// <summary>`TimelineEntry` of API.md.</summary>
public sealed record TimelineEntryResponse(
    DateTimeOffset At,
    string Actor,
    string Kind,
    TicketStatus? FromStatus,
    TicketStatus? ToStatus,
    string? Opd,
    string? Text,
    string? ActorName)
{
    public static TimelineEntryResponse From(TimelineEntry e) =>
        new(e.At, e.Actor, e.Kind, e.FromStatus, e.ToStatus, e.Opd, e.Text, e.ActorName);
}

public sealed record EscalateRequest(string? Opd);

public sealed record NoteRequest(string? Note);

public sealed record ReasonRequest(string? Reason);

public sealed record NoteCreateRequest(string? Text);
