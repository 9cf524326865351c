namespace Bengkulu112.Tickets;

/// <summary>Which note limit refused a note.</summary>
public enum NoteLimit
{
    /// <summary>The ticket holds the most notes a ticket may have (409).</summary>
    PerTicket,
    /// <summary>The person wrote the most notes a person may write in a minute (429, retry after <see cref="NoteLimitRefusal.RetryAfter"/>).</summary>
    PerPersonPerMinute,
}

/// <summary>A note refused by a note limit (nothing was stored); ticket commands other than notes have no such limit.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.NoteLimitRefusal")]
public sealed record NoteLimitRefusal(
    [property: Id(0)] NoteLimit Limit,
    [property: Id(1)] int Max,
    [property: Id(2)] string Detail,
    [property: Id(3)] TimeSpan? RetryAfter = null);
