namespace Bengkulu112.Callers;

/// <summary>How callers are screened (SPEC.md §2: thresholds configurable), bound from the `Screening` section.</summary>
public sealed class ScreeningOptions
{
    public const string Section = "Screening";

    /// <summary>How far back prank and silent calls count (`Screening__Window`, e.g. `30.00:00:00`).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Prank calls within the window from which a caller is flagged automatically.</summary>
    public int PrankThreshold { get; set; } = 3;

    /// <summary>
    /// Calls of any kind within <see cref="FloodWindow"/> from which a number is flagged as flooding the line. Its calls
    /// are still accepted and recorded: an emergency line never refuses a call; the flag informs the call taker.
    /// </summary>
    public int FloodThreshold { get; set; } = 10;

    public TimeSpan FloodWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Calls a caller keeps in its list beyond those inside the window (counts are kept for all calls).</summary>
    public int KeepCalls { get; set; } = 100;

    /// <summary>The newest calls a caller keeps whatever their age: <see cref="KeepCalls"/>, and never fewer than `last_calls` shows.</summary>
    public int NewestKept => Math.Max(KeepCalls, CallerGrain.LastCallsShown);
}
