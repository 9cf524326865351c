using Bengkulu112.Calls;
using Bengkulu112.Common;

namespace Bengkulu112.Callers;

/// <summary>
/// The calls a caller grain screens with, held in memory only: every call of the number received inside the screening
/// window and the newest ones beyond it, ordered by received time (ties by call id, as the activation read orders
/// them), each with the classification the caller was told. A change is planned before its write
/// (<see cref="Plan"/>) and applied only once the write succeeded (<see cref="Apply"/>), so a failed write leaves
/// the calls as they were; applying costs the calls it adds and drops, never the calls it keeps.
/// </summary>
/// <remarks>
/// Only its classified calls are persisted (in <see cref="CallerState.Calls"/>); the rest are rows of `calls`, read
/// back on activation (<see cref="Merge"/>). Screening reads it in logarithmic time: flood counts by binary search,
/// prank and silent counts from the few classified calls.
/// </remarks>
public sealed class RecentCalls
{
    /// <summary>Received time, then call id: a total order, the same as PostgreSQL's (received_at, id).</summary>
    public static readonly IComparer<RecordedCall> Order = Comparer<RecordedCall>.Create((a, b) =>
    {
        var byTime = a.ReceivedAt.CompareTo(b.ReceivedAt);
        return byTime != 0 ? byTime : a.CallId.CompareTo(b.CallId);
    });

    // In Order from `head` on; the entries before `head` are dropped ones, removed in one go once they are many.
    private readonly List<RecordedCall> calls = [];
    private int head;
    private readonly Dictionary<Guid, RecordedCall> byId = [];
    private readonly Dictionary<Guid, RecordedCall> classified = [];

    // Counts applied changes, so a change planned before another one was applied is refused instead of misapplied.
    private int revision;

    public RecentCalls()
    {
    }

    /// <summary>These calls (in any order; a repeated id counts once, its first entry).</summary>
    public RecentCalls(IEnumerable<RecordedCall> calls)
    {
        foreach (var call in calls)
        {
            if (byId.TryAdd(call.CallId, call))
                this.calls.Add(call);
        }
        this.calls.Sort(Order);
        foreach (var call in this.calls.Where(c => c.Classification is not null))
            classified.Add(call.CallId, call);
    }

    /// <summary>
    /// A caller as activation reads it: its recent calls as `calls` has them (<paramref name="stored"/>), classified as
    /// the caller's state says (<paramref name="state"/>), not as their rows say: a call's row is classified only after
    /// its caller was told, so the caller's own record is what screening and counts go by. A classified call of the
    /// state without a row is kept too; the state's unclassified entries (older versions stored every call there) are
    /// ignored, as the table has those calls.
    /// </summary>
    public static RecentCalls Merge(IEnumerable<RecordedCall> stored, IEnumerable<RecordedCall> state)
    {
        var told = new Dictionary<Guid, RecordedCall>();
        foreach (var call in state.Where(c => c.Classification is not null))
            told.TryAdd(call.CallId, call);
        var merged = stored
            .Select(c => c with { Classification = told.Remove(c.CallId, out var t) ? t.Classification : null })
            .ToList();
        return new RecentCalls(merged.Concat(told.Values));
    }

    /// <summary>A new, unclassified call, received at <paramref name="receivedAt"/> to the microsecond PostgreSQL keeps.</summary>
    public static RecordedCall NewCall(Guid callId, DateTimeOffset receivedAt) =>
        new(callId, UtcTimestamps.ToMicroseconds(receivedAt), null);

    public int Count => calls.Count - head;

    public bool Contains(Guid callId) => byId.ContainsKey(callId);

    public RecordedCall? Find(Guid callId) => byId.GetValueOrDefault(callId);

    /// <summary>Every call, oldest first.</summary>
    public IEnumerable<RecordedCall> All
    {
        get
        {
            for (var i = head; i < calls.Count; i++)
                yield return calls[i];
        }
    }

    /// <summary>The classified calls, oldest first: what the caller's stored state keeps.</summary>
    public List<RecordedCall> Classified() => [.. classified.Values.Order(Order)];

    /// <summary>The newest <paramref name="count"/> calls, newest first (calls received at the same time by id).</summary>
    public IEnumerable<RecordedCall> NewestFirst(int count)
    {
        for (var i = calls.Count - 1; i >= head && count-- > 0; i--)
            yield return calls[i];
    }

    /// <summary>How many calls were received after <paramref name="since"/>.</summary>
    public int CountAfter(DateTimeOffset since) => calls.Count - After(since);

    /// <summary>The received times after <paramref name="since"/>, oldest first.</summary>
    public IEnumerable<DateTimeOffset> ReceivedAfter(DateTimeOffset since)
    {
        for (var i = After(since); i < calls.Count; i++)
            yield return calls[i].ReceivedAt;
    }

    /// <summary>What <see cref="CallerScreening.Evaluate(IEnumerable{RecordedCall}, SupervisorFlag?, DateTimeOffset, ScreeningOptions)"/> answers over these calls.</summary>
    public ScreeningFigures Screen(SupervisorFlag? flag, DateTimeOffset now, ScreeningOptions options) =>
        CallerScreening.Evaluate(classified.Values, since =>
        {
            var from = After(since);
            var inFlood = calls.Count - from;
            return new FloodCount(inFlood,
                options.FloodThreshold > 0 && inFlood >= options.FloodThreshold ? calls[from + options.FloodThreshold - 1].ReceivedAt : null);
        }, flag, now, options);

    /// <summary>
    /// Adding <paramref name="added"/> (new, unclassified calls) and then keeping the newest <paramref name="keep"/>
    /// calls and every call received after <paramref name="since"/>: what is dropped is the oldest calls, so the change
    /// is the calls to add and how many of the oldest to drop after adding them.
    /// </summary>
    public RecentCallsChange Plan(IReadOnlyCollection<RecordedCall> added, DateTimeOffset since, int keep)
    {
        var sorted = added.Order(Order).ToArray();
        var atOrBefore = After(since) - head + sorted.Count(c => c.ReceivedAt <= since);
        var drop = Math.Max(0, Math.Min(atOrBefore, Count + sorted.Length - keep));
        return new RecentCallsChange(revision, sorted, drop);
    }

    /// <summary>The classified calls as they are after <paramref name="change"/>, oldest first (nothing applied).</summary>
    public List<RecordedCall> ClassifiedAfter(RecentCallsChange change)
    {
        Check(change);
        // A call survives when fewer than `Drop` calls come before it once the new calls are in.
        return [.. classified.Values
            .Where(c => IndexOf(c) - head + CountBefore(change.Added, c) >= change.Drop)
            .Order(Order)];
    }

    /// <summary>The classified calls, oldest first, with <paramref name="call"/> classified as it says (nothing applied).</summary>
    public List<RecordedCall> ClassifiedWith(RecordedCall call) =>
        [.. classified.Values.Where(c => c.CallId != call.CallId).Append(call).Order(Order)];

    /// <summary>Applies a planned change, once its write succeeded.</summary>
    public void Apply(RecentCallsChange change)
    {
        Check(change);
        foreach (var call in change.Added)
        {
            byId.Add(call.CallId, call);
            // New calls are mostly the newest: inserting at the end costs nothing.
            calls.Insert(calls.Count > head && Order.Compare(calls[^1], call) < 0 ? calls.Count : LowerBound(call), call);
        }
        for (var i = head; i < head + change.Drop; i++)
        {
            byId.Remove(calls[i].CallId);
            classified.Remove(calls[i].CallId);
        }
        head += change.Drop;
        if (head > 64 && head > calls.Count / 2)
        {
            calls.RemoveRange(0, head);
            head = 0;
        }
        revision++;
    }

    /// <summary>Notes a known call's classification, once its write succeeded.</summary>
    public void Classify(Guid callId, Classification classification)
    {
        var call = byId[callId];
        var index = IndexOf(call);
        var classifiedCall = call with { Classification = classification };
        calls[index] = classifiedCall;
        byId[callId] = classifiedCall;
        classified[callId] = classifiedCall;
        revision++;
    }

    private void Check(RecentCallsChange change)
    {
        if (change.Revision != revision)
            throw new InvalidOperationException("The recent calls changed since this change was planned.");
    }

    /// <summary>The first index from <c>head</c> whose call was received after <paramref name="since"/>.</summary>
    private int After(DateTimeOffset since)
    {
        int low = head, high = calls.Count;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (calls[middle].ReceivedAt <= since)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    /// <summary>The first index from <c>head</c> whose call is not before <paramref name="call"/> in <see cref="Order"/>.</summary>
    private int LowerBound(RecordedCall call)
    {
        int low = head, high = calls.Count;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (Order.Compare(calls[middle], call) < 0)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    private int IndexOf(RecordedCall call) => LowerBound(call);

    private static int CountBefore(IReadOnlyList<RecordedCall> sorted, RecordedCall call)
    {
        var count = 0;
        while (count < sorted.Count && Order.Compare(sorted[count], call) < 0)
            count++;
        return count;
    }
}

/// <summary>A planned change of <see cref="RecentCalls"/>: new calls (in its order) and how many of the oldest to drop.</summary>
public sealed record RecentCallsChange(int Revision, IReadOnlyList<RecordedCall> Added, int Drop);
