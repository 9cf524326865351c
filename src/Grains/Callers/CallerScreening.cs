using Bengkulu112.Calls;

namespace Bengkulu112.Callers;

/// <summary>What screening says about a caller at one moment.</summary>
public sealed record ScreeningFigures(
    int PrankCalls,
    int SilentCalls,
    bool Flagged,
    string? FlagReason,
    string? FlaggedBy,
    DateTimeOffset? FlaggedAt);

/// <summary>
/// The screening rules of SPEC.md §2, free of grain and storage: prank and silent calls are counted by their received
/// time within the window that ends at the screening time ("now", not the new call's received time, so a call entered
/// late is screened with what is known when the call taker sees it). A caller is flagged by a supervisor, or
/// automatically while its prank calls in the window reach the threshold, or while it floods the line with calls.
/// </summary>
public static class CallerScreening
{
    public const string AutomaticFlagger = "system:screening";

    public static ScreeningFigures Evaluate(IEnumerable<RecordedCall> calls, SupervisorFlag? flag, DateTimeOffset now,
        ScreeningOptions options)
    {
        var since = now - options.Window;
        var recent = calls.Where(c => c.ReceivedAt > since).ToList();
        var pranks = recent.Where(c => c.Classification == Classification.Prank).OrderBy(c => c.ReceivedAt).ToList();
        var silent = recent.Count(c => c.Classification == Classification.Silent);

        if (flag is not null)
            return new ScreeningFigures(pranks.Count, silent, true, flag.Reason, flag.By, flag.At);
        if (options.PrankThreshold > 0 && pranks.Count >= options.PrankThreshold)
        {
            // The oldest set of prank calls inside the window that reaches the threshold: flagged since then.
            var flaggedSince = pranks[options.PrankThreshold - 1].ReceivedAt;
            return new ScreeningFigures(pranks.Count, silent, true,
                $"{pranks.Count} prank calls in the last {Describe(options.Window)}", AutomaticFlagger, flaggedSince);
        }
        var floodSince = now - options.FloodWindow;
        var flood = calls.Where(c => c.ReceivedAt > floodSince).OrderBy(c => c.ReceivedAt).ToList();
        if (options.FloodThreshold > 0 && flood.Count >= options.FloodThreshold)
        {
            return new ScreeningFigures(pranks.Count, silent, true, FloodReason(flood.Count, options), AutomaticFlagger,
                flood[options.FloodThreshold - 1].ReceivedAt);
        }
        return new ScreeningFigures(pranks.Count, silent, false, null, null, null);
    }

    /// <summary>
    /// Keeps the newest <see cref="ScreeningOptions.KeepCalls"/> calls and every call inside the window, oldest first,
    /// so the stored list stays bounded however long a number keeps calling.
    /// </summary>
    public static List<RecordedCall> Trim(IEnumerable<RecordedCall> calls, DateTimeOffset now, ScreeningOptions options)
    {
        var since = now - options.Window;
        var newestFirst = calls.OrderByDescending(c => c.ReceivedAt).ToList();
        return newestFirst.Where((c, index) => index < options.KeepCalls || c.ReceivedAt > since)
            .OrderBy(c => c.ReceivedAt)
            .ToList();
    }

    /// <summary>Why a number flooding the line is flagged.</summary>
    public static string FloodReason(int calls, ScreeningOptions options) =>
        $"{calls} calls in the last {Describe(options.FloodWindow)} (flooding the line)";

    private static string Describe(TimeSpan window) =>
        window.Ticks % TimeSpan.TicksPerDay == 0 ? $"{window.Days} days"
        : window.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(int)window.TotalHours} hours"
        : $"{window.TotalMinutes:0.#} minutes";
}
