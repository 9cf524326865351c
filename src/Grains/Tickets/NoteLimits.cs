using Bengkulu112.Common;

namespace Bengkulu112.Tickets;

/// <summary>
/// The note limits as pure rules: a ticket holds at most <see cref="NoteLimitOptions.MaxPerTicket"/> notes, and a
/// person writes at most <see cref="NoteLimitOptions.MaxPerPersonPerMinute"/> in any sliding minute. Only notes are
/// limited: a status change is never refused for volume.
/// </summary>
public static class NoteLimits
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Null while the ticket, holding <paramref name="noteCount"/> notes, may take another.</summary>
    public static Refusal? PerTicket(int noteCount, NoteLimitOptions options) =>
        noteCount < options.MaxPerTicket
            ? null
            : Refusal.NoteLimitReached(options.MaxPerTicket,
                $"This ticket already holds {options.MaxPerTicket} notes, the most a ticket may have.");

    /// <summary>Where a person's notes are counted from: notes written after this instant are in the window.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now) => now - Window;

    /// <summary>
    /// Null while the person may write another note at <paramref name="now"/>, given the times of their latest notes
    /// in the window (oldest first, at most <see cref="NoteLimitOptions.MaxPerPersonPerMinute"/> of them); else the
    /// refusal with how long until the oldest of them leaves the window (whole seconds, at least one).
    /// </summary>
    public static Refusal? PerPerson(IReadOnlyList<DateTimeOffset> recent, DateTimeOffset now, NoteLimitOptions options)
    {
        var max = options.MaxPerPersonPerMinute;
        var inWindow = recent.Where(at => at > WindowStart(now)).ToList();
        if (inWindow.Count < max)
            return null;
        var frees = inWindow[inWindow.Count - max] + Window - now;
        var retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(frees.TotalSeconds)));
        return Refusal.TooManyNotes(max, retryAfter,
            $"You wrote {max} notes in the last minute, the most a person may write; retry after the time in Retry-After.");
    }
}
