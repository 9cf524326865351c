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

    /// <summary>Screening over <paramref name="calls"/>: the caller's calls, classified or not, in any order.</summary>
    public static ScreeningFigures Evaluate(IEnumerable<RecordedCall> calls, SupervisorFlag? flag, DateTimeOffset now,
        ScreeningOptions options)
    {
        var all = calls as IReadOnlyCollection<RecordedCall> ?? [.. calls];
        return Evaluate(all.Where(c => c.Classification is not null), since =>
        {
            var flood = all.Where(c => c.ReceivedAt > since).Select(c => c.ReceivedAt).Order().ToList();
            return new FloodCount(flood.Count,
                options.FloodThreshold > 0 && flood.Count >= options.FloodThreshold ? flood[options.FloodThreshold - 1] : null);
        }, flag, now, options);
    }

    /// <summary>
    /// Screening over a caller's calls given as its <paramref name="classified"/> calls (unclassified ones count only
    /// for the flood rule) and <paramref name="flood"/>, which tells for a time how many of all its calls were received
    /// after it (asked only when the flood rule decides).
    /// </summary>
    public static ScreeningFigures Evaluate(IEnumerable<RecordedCall> classified, Func<DateTimeOffset, FloodCount> flood,
        SupervisorFlag? flag, DateTimeOffset now, ScreeningOptions options)
    {
        var since = now - options.Window;
        var recent = classified.Where(c => c.ReceivedAt > since).ToList();
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
        if (options.FloodThreshold > 0 && flood(now - options.FloodWindow) is { ThresholdReachedAt: { } reachedAt } inFlood)
            return new ScreeningFigures(pranks.Count, silent, true, FloodReason(inFlood.Calls, options), AutomaticFlagger, reachedAt);
        return new ScreeningFigures(pranks.Count, silent, false, null, null, null);
    }

    /// <summary>Why a number flooding the line is flagged.</summary>
    public static string FloodReason(int calls, ScreeningOptions options) =>
        $"{calls} calls in the last {Describe(options.FloodWindow)} (flooding the line)";

    private static string Describe(TimeSpan window) =>
        window.Ticks % TimeSpan.TicksPerDay == 0 ? $"{window.Days} days"
        : window.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(int)window.TotalHours} hours"
        : $"{window.TotalMinutes:0.#} minutes";
}

/// <summary>
/// A caller's calls received after some time: how many, and when the <see cref="ScreeningOptions.FloodThreshold"/>-th
/// oldest of them was received (null while they are fewer).
/// </summary>
public readonly record struct FloodCount(int Calls, DateTimeOffset? ThresholdReachedAt);
