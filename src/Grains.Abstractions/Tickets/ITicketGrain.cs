using Bengkulu112.Common;
using Orleans.Concurrency;

namespace Bengkulu112.Tickets;

/// <summary>
/// One ticket. Every command on it is serialised by this grain; a refused command changes nothing.
/// Keyed by the ticket id (a GUID).
/// </summary>
[Alias("Bengkulu112.ITicketGrain")]
public interface ITicketGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Opens the ticket (status `open`). Idempotent: opening it again with the same <paramref name="fingerprint"/>
    /// answers the ticket as it is (Created false); with another fingerprint → IdempotencyMismatch.
    /// </summary>
    [Alias("Open")]
    Task<TicketResult> Open(TicketDraft draft, Actor actor, string fingerprint);

    /// <summary>The ticket as <paramref name="viewer"/> may see it (NotFound for an OPD user not assigned to it).</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<TicketResult> Get(Actor viewer);

    /// <summary>
    /// At most <paramref name="limit"/> timeline entries after entry number <paramref name="after"/> (0: from the first),
    /// oldest first, as <paramref name="viewer"/> may see them (NotFound like <see cref="Get"/>).
    /// </summary>
    [AlwaysInterleave, Alias("GetTimelinePage")]
    Task<TimelineResult> GetTimeline(Actor viewer, int after, int limit);

    [Alias("Apply")]
    Task<TicketResult> Apply(TicketCommand command, Actor actor);

    /// <summary>
    /// Adds a note. A repeat with the same <paramref name="idempotencyKey"/> and text answers the first entry. Refused
    /// (<see cref="RefusalKind.NoteLimitReached"/>, <see cref="RefusalKind.TooManyNotes"/>) beyond the note limits per ticket and per person per minute.
    /// </summary>
    [Alias("AddNote")]
    Task<NoteResult> AddNote(string text, Actor actor, string? idempotencyKey);

    /// <summary>Links another call about the same incident; refused (Conflict) once the ticket is closed or cancelled.</summary>
    [Alias("LinkCall")]
    Task<TicketResult> LinkCall(Guid callId, Actor actor);

    /// <summary>Pushes the latest change to the OPD streams again if it may not have got there (outbox sweep).</summary>
    [Alias("Republish")]
    Task Republish();

    /// <summary>Activates the ticket so its clock is armed (silo start: deadlines missed while down act at once).</summary>
    [Alias("Wake")]
    Task Wake();
}
