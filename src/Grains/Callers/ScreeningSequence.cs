using Bengkulu112.Calls;

namespace Bengkulu112.Callers;

/// <summary>
/// Screening of new calls counted one after the other at one moment (a caller grain's queued calls): after each
/// <see cref="Add"/>, <see cref="Current"/> is what <see cref="CallerScreening.Evaluate"/> answers over the calls given
/// so far, for one evaluation per group instead of one per call, costing the group's calls rather than the caller's.
/// A new call is not classified yet, so it changes only the flood count: the oldest
/// <see cref="ScreeningOptions.FloodThreshold"/> received times inside the flood window are kept, which is all the
/// flood rule reads besides the count.
/// </summary>
public sealed class ScreeningSequence
{
    private readonly ScreeningOptions options;
    private readonly DateTimeOffset floodSince;
    private readonly ScreeningFigures unflagged;

    // Neither a supervisor's flag nor prank calls decide the flag, so the flood rule may.
    private readonly bool floodDecides;
    private readonly List<DateTimeOffset> oldestInFlood = [];
    private int inFlood;

    public ScreeningSequence(RecentCalls calls, SupervisorFlag? flag, DateTimeOffset now, ScreeningOptions options)
    {
        this.options = options;
        Current = calls.Screen(flag, now, options);
        floodSince = now - options.FloodWindow;
        floodDecides = flag is null && options.FloodThreshold > 0
            && !(options.PrankThreshold > 0 && Current.PrankCalls >= options.PrankThreshold);
        unflagged = Current with { Flagged = false, FlagReason = null, FlaggedBy = null, FlaggedAt = null };
        if (floodDecides)
        {
            // The recent calls are in received order: the oldest in the flood window are its first ones.
            inFlood = calls.CountAfter(floodSince);
            oldestInFlood.AddRange(calls.ReceivedAfter(floodSince).Take(options.FloodThreshold));
        }
    }

    /// <summary>The screening over the calls given so far.</summary>
    public ScreeningFigures Current { get; private set; }

    /// <summary>Counts a new, unclassified call received at <paramref name="receivedAt"/>.</summary>
    public void Add(DateTimeOffset receivedAt)
    {
        if (!floodDecides || !CountFlood(receivedAt))
            return;
        Current = inFlood >= options.FloodThreshold
            ? unflagged with
            {
                Flagged = true, FlagReason = CallerScreening.FloodReason(inFlood, options),
                FlaggedBy = CallerScreening.AutomaticFlagger, FlaggedAt = oldestInFlood[options.FloodThreshold - 1],
            }
            : unflagged;
    }

    private bool CountFlood(DateTimeOffset receivedAt)
    {
        if (receivedAt <= floodSince)
            return false;
        inFlood++;
        if (oldestInFlood.Count < options.FloodThreshold || receivedAt < oldestInFlood[^1])
        {
            var index = oldestInFlood.BinarySearch(receivedAt);
            oldestInFlood.Insert(index < 0 ? ~index : index, receivedAt);
            if (oldestInFlood.Count > options.FloodThreshold)
                oldestInFlood.RemoveAt(oldestInFlood.Count - 1);
        }
        return true;
    }
}
