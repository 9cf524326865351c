using Bengkulu112.Common;

namespace Bengkulu112.Tickets;

/// <summary>The ticket after a request, or why it was refused (nothing changed then).</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.TicketResult")]
public sealed record TicketResult(
    [property: Id(0)] TicketDetails? Ticket,
    [property: Id(1)] Refusal? Failure,
    [property: Id(2)] bool Created = false)
{
    public static TicketResult Ok(TicketDetails ticket, bool created = false) => new(ticket, null, created);
    public static TicketResult Fail(Refusal failure) => new(null, failure);
}

/// <summary>A page of the timeline, oldest first; <see cref="NextAfter"/> is where the next page starts (null: none).</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.TimelineResult")]
public sealed record TimelineResult(
    [property: Id(0)] IReadOnlyList<TimelineEntry>? Entries,
    [property: Id(1)] Refusal? Failure,
    [property: Id(2)] int? NextAfter = null);

/// <summary>The note added (or the first one, for a repeat), or why not (a refusal, a note limit among them).</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.NoteResult")]
public sealed record NoteResult(
    [property: Id(0)] TimelineEntry? Entry,
    [property: Id(1)] Refusal? Failure,
    [property: Id(2)] int Version = 0);
