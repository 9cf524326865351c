using Bengkulu112.Common;

namespace Bengkulu112.Tickets;

/// <summary>Why a ticket refused a request; the API maps each to its status code.</summary>
public enum TicketFailureKind
{
    /// <summary>400: a field is invalid (see Errors).</summary>
    Invalid,
    /// <summary>404: no such ticket, or one this OPD user may not see.</summary>
    NotFound,
    /// <summary>403: the ticket is visible, but this user may not do that to it.</summary>
    Forbidden,
    /// <summary>409: the transition is not allowed from the current status.</summary>
    Conflict,
    /// <summary>412: If-Match named another version.</summary>
    PreconditionFailed,
    /// <summary>422: the Idempotency-Key was used before with a different body.</summary>
    IdempotencyMismatch,
}

[GenerateSerializer, Immutable, Alias("Bengkulu112.TicketFailure")]
public sealed record TicketFailure(
    [property: Id(0)] TicketFailureKind Kind,
    [property: Id(1)] string Detail,
    [property: Id(2)] FieldErrors? Errors = null,
    [property: Id(3)] TicketStatus? CurrentStatus = null,
    [property: Id(4)] int? CurrentVersion = null);

/// <summary>The ticket after a request, or why it was refused (nothing changed then).</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.TicketResult")]
public sealed record TicketResult(
    [property: Id(0)] TicketDetails? Ticket,
    [property: Id(1)] TicketFailure? Failure,
    [property: Id(2)] bool Created = false)
{
    public static TicketResult Ok(TicketDetails ticket, bool created = false) => new(ticket, null, created);
    public static TicketResult Fail(TicketFailure failure) => new(null, failure);
}

/// <summary>A page of the timeline, oldest first; <see cref="NextAfter"/> is where the next page starts (null: none).</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.TimelineResult")]
public sealed record TimelineResult(
    [property: Id(0)] IReadOnlyList<TimelineEntry>? Entries,
    [property: Id(1)] TicketFailure? Failure,
    [property: Id(2)] int? NextAfter = null);

/// <summary>The note added (or the first one, for a repeat), or why not: a refusal, or a note limit.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.NoteResult")]
public sealed record NoteResult(
    [property: Id(0)] TimelineEntry? Entry,
    [property: Id(1)] TicketFailure? Failure,
    [property: Id(2)] int Version = 0,
    [property: Id(3)] NoteLimitRefusal? Limited = null);
