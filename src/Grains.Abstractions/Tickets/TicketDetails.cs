using Bengkulu112.Common;

namespace Bengkulu112.Tickets;

/// <summary>A ticket as API.md's `Ticket` shows it.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.TicketDetails")]
public sealed record TicketDetails(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Number,
    [property: Id(2)] string Category,
    [property: Id(3)] Priority Priority,
    [property: Id(4)] TicketStatus Status,
    [property: Id(5)] string Description,
    [property: Id(6)] Location Location,
    [property: Id(7)] BloodRequest? Blood,
    [property: Id(8)] IReadOnlyList<Guid> CallIds,
    [property: Id(9)] string? Opd,
    [property: Id(10)] IReadOnlyList<string> SupportingOpds,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset? EscalatedAt,
    [property: Id(13)] DateTimeOffset? AcknowledgedAt,
    [property: Id(14)] DateTimeOffset? OnSceneAt,
    [property: Id(15)] DateTimeOffset? ResolvedAt,
    [property: Id(16)] DateTimeOffset? ClosedAt,
    [property: Id(17)] TicketDeadlines? Deadlines,
    [property: Id(18)] IReadOnlyList<Breach> Breaches,
    [property: Id(19)] int EscalationLevel,
    [property: Id(20)] int Version,
    [property: Id(21)] DateTimeOffset? CancelledAt,
    [property: Id(22)] DateTimeOffset UpdatedAt);

/// <summary>When each step is due, counted from the (latest) escalation.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.TicketDeadlines")]
public sealed record TicketDeadlines(
    [property: Id(0)] DateTimeOffset Acknowledge,
    [property: Id(1)] DateTimeOffset OnScene,
    [property: Id(2)] DateTimeOffset Resolve);

/// <summary>A deadline that passed before its step was reached.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.Breach")]
public sealed record Breach(
    [property: Id(0)] string Deadline,
    [property: Id(1)] DateTimeOffset BreachedAt);
