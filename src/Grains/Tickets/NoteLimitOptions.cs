namespace Bengkulu112.Tickets;

/// <summary>How many notes a ticket holds and a person writes (configuration section `Notes`).</summary>
public sealed class NoteLimitOptions
{
    public const string Section = "Notes";

    /// <summary>The most notes one ticket holds; a note beyond is refused (409).</summary>
    public int MaxPerTicket { get; set; } = 500;

    /// <summary>The most notes one person (or program) writes in any minute, on all tickets together (429 beyond).</summary>
    public int MaxPerPersonPerMinute { get; set; } = 10;

    public bool IsValid() => MaxPerTicket > 0 && MaxPerPersonPerMinute > 0;
}
