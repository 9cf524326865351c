using Bengkulu112.Tickets;

namespace Bengkulu112.Common;

/// <summary>Why a grain refused a request; the API answers each kind with its status (API.md, Conventions).</summary>
public enum RefusalKind
{
    /// <summary>400: a field is invalid (see <see cref="Refusal.Errors"/>).</summary>
    Invalid,
    /// <summary>404: no such thing, or one this user may not see.</summary>
    NotFound,
    /// <summary>403: it is visible, but this user may not do that to it.</summary>
    Forbidden,
    /// <summary>409: not allowed in the current state.</summary>
    Conflict,
    /// <summary>412: If-Match named another version.</summary>
    PreconditionFailed,
    /// <summary>422: the Idempotency-Key was used before with a different body.</summary>
    IdempotencyMismatch,
    /// <summary>409: the ticket holds the most notes a ticket may have (<see cref="Refusal.Max"/>).</summary>
    NoteLimitReached,
    /// <summary>429: the person wrote the most notes a person may write in a minute (<see cref="Refusal.Max"/>), retry after <see cref="Refusal.RetryAfter"/>.</summary>
    TooManyNotes,
}

/// <summary>
/// A request a grain refused; nothing changed. Every grain answers its refusals with this one type, and the API maps it
/// to a problem response in one place (`Problems/RefusalProblems.cs`).
/// </summary>
/// <param name="CurrentStatus">For a ticket's 409: the status it is in (`current_status`).</param>
/// <param name="CurrentVersion">For a ticket's 412: the version it is at (`current_version`).</param>
/// <param name="Max">For a limit: the most it allows.</param>
/// <param name="RetryAfter">For a limit per minute: when the next one will be taken.</param>
// The alias is the one this record had as TicketFailure: clusters of both versions understand each other mid-upgrade.
[GenerateSerializer, Immutable, Alias("Bengkulu112.TicketFailure")]
public sealed record Refusal(
    [property: Id(0)] RefusalKind Kind,
    [property: Id(1)] string Detail,
    [property: Id(2)] FieldErrors? Errors = null,
    [property: Id(3)] TicketStatus? CurrentStatus = null,
    [property: Id(4)] int? CurrentVersion = null,
    [property: Id(5)] int? Max = null,
    [property: Id(6)] TimeSpan? RetryAfter = null)
{
    public const string InvalidDetail = "One or more fields are invalid.";

    public static Refusal Invalid(FieldErrors? errors, string detail = InvalidDetail) => new(RefusalKind.Invalid, detail, errors);

    public static Refusal NotFound(string detail) => new(RefusalKind.NotFound, detail);

    public static Refusal Forbidden(string detail) => new(RefusalKind.Forbidden, detail);

    public static Refusal Conflict(string detail, TicketStatus? current = null, int? version = null) =>
        new(RefusalKind.Conflict, detail, CurrentStatus: current, CurrentVersion: version);

    public static Refusal PreconditionFailed(string detail, int? currentVersion = null) =>
        new(RefusalKind.PreconditionFailed, detail, CurrentVersion: currentVersion);

    public static Refusal IdempotencyMismatch(string detail) => new(RefusalKind.IdempotencyMismatch, detail);

    public static Refusal NoteLimitReached(int max, string detail) => new(RefusalKind.NoteLimitReached, detail, Max: max);

    public static Refusal TooManyNotes(int max, TimeSpan retryAfter, string detail) =>
        new(RefusalKind.TooManyNotes, detail, Max: max, RetryAfter: retryAfter);
}
