using Bengkulu112.Callers;
using Bengkulu112.Calls;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>
/// A caller's recent calls, changed by plans applied after their writes, against a plain reference: all calls sorted
/// and trimmed whole, as the caller once did at every commit.
/// </summary>
public sealed class RecentCallsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static RecordedCall Call(double daysAgo, Classification? classification = null) =>
        new(Guid.NewGuid(), Now.AddDays(-daysAgo), classification);

    /// <summary>The rule as it reads: the newest <paramref name="keep"/> calls and every call received after since.</summary>
    private static List<RecordedCall> Trimmed(IEnumerable<RecordedCall> calls, DateTimeOffset since, int keep)
    {
        var sorted = calls.Order(RecentCalls.Order).ToList();
        return [.. sorted.Where((c, index) => index >= sorted.Count - keep || c.ReceivedAt > since)];
    }

    [Fact]
    public void Trimming_keeps_the_newest_calls_and_everything_inside_the_window_oldest_first()
    {
        var old = Enumerable.Range(0, 5).Select(i => Call(100 + i, Classification.Prank)).ToList();
        var recent = Enumerable.Range(0, 4).Select(i => Call(i, Classification.Silent)).ToList();
        var since = Now.AddDays(-30);

        var calls = new RecentCalls();
        var change = calls.Plan([.. old, .. recent], since, keep: 2);
        calls.Apply(change);
        Assert.Equal(recent.OrderBy(c => c.ReceivedAt).Select(c => c.CallId), calls.All.Select(c => c.CallId));

        var fewRecent = new RecentCalls();
        fewRecent.Apply(fewRecent.Plan([.. old, recent[0]], since, keep: 2));
        Assert.Equal([old[0].CallId, recent[0].CallId], fewRecent.All.Select(c => c.CallId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Planned_and_applied_changes_keep_what_sorting_and_trimming_everything_keeps(int seed)
    {
        var random = new Random(seed);
        var options = new ScreeningOptions
        {
            Window = TimeSpan.FromHours(random.Next(1, 48)), PrankThreshold = random.Next(0, 4),
            FloodThreshold = random.Next(0, 8), FloodWindow = TimeSpan.FromMinutes(random.Next(1, 30)),
        };
        var keep = random.Next(1, 30);
        Classification[] kinds = [Classification.Prank, Classification.Silent, Classification.Emergency];
        var calls = new RecentCalls();
        var reference = new List<RecordedCall>();
        var now = Now;
        for (var round = 0; round < 200; round++)
        {
            now = now.AddMinutes(random.Next(0, 20));
            var since = now - options.Window;
            if (reference.Count > 0 && random.Next(4) == 0)
            {
                // A classification, told to a known call: planned, then written (or not), then applied.
                var known = reference[random.Next(reference.Count)];
                var told = known with { Classification = kinds[random.Next(kinds.Length)] };
                var after = calls.ClassifiedWith(told);
                reference[reference.FindIndex(c => c.CallId == told.CallId)] = told;
                Assert.Equal(reference.Where(c => c.Classification is not null).Order(RecentCalls.Order), after);
                calls.Classify(told.CallId, told.Classification!.Value);
            }
            else
            {
                // A group of new calls, mostly just received, some entered late (received long before).
                var added = Enumerable.Range(0, random.Next(1, 12))
                    .Select(_ => new RecordedCall(Guid.NewGuid(),
                        now.AddMinutes(random.Next(5) == 0 ? -random.Next(0, 3_000) : -random.Next(0, 3)), null))
                    .ToList();
                var before = calls.All.ToList();
                var change = calls.Plan(added, since, keep);
                var classifiedAfter = calls.ClassifiedAfter(change);
                // Planning changes nothing: a failed write leaves the calls as they were.
                Assert.Equal(before, calls.All);
                if (random.Next(6) == 0)
                    continue;

                calls.Apply(change);
                reference = Trimmed(reference.Concat(added), since, keep);
                Assert.Equal(reference.Where(c => c.Classification is not null), classifiedAfter);
            }

            Assert.Equal(reference, calls.All);
            Assert.Equal(reference.Count, calls.Count);
            Assert.Equal(reference.Where(c => c.Classification is not null), calls.Classified());
            Assert.Equal(Enumerable.Reverse(reference).Take(20), calls.NewestFirst(20));
            Assert.Equal(CallerScreening.Evaluate(reference, null, now, options), calls.Screen(null, now, options));
            Assert.All(reference, c => Assert.Equal(c, calls.Find(c.CallId)));
        }
    }

    [Fact]
    public void A_change_planned_before_another_was_applied_is_refused()
    {
        var calls = new RecentCalls();
        var first = calls.Plan([Call(0)], Now.AddDays(-30), keep: 10);
        var second = calls.Plan([Call(0)], Now.AddDays(-30), keep: 10);
        calls.Apply(first);

        Assert.Throws<InvalidOperationException>(() => calls.Apply(second));
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public void Activation_takes_the_classifications_from_the_callers_state_and_the_calls_from_the_table()
    {
        var unclassified = Call(1);
        var classified = Call(2);
        var toldBeforeItsRowWasWritten = Call(3);
        var onlyInState = Call(4, Classification.Prank);
        var stored = new[] { unclassified, classified, toldBeforeItsRowWasWritten }
            .Select(c => c with { ReceivedAt = c.ReceivedAt.AddTicks(-(c.ReceivedAt.Ticks % 10)) }).ToList();
        RecordedCall[] state =
        [
            // Older versions listed unclassified calls too: ignored, the table has them.
            unclassified, classified with { Classification = Classification.Silent },
            toldBeforeItsRowWasWritten with { Classification = Classification.Prank }, onlyInState,
        ];

        var calls = RecentCalls.Merge(stored, state);

        Assert.Equal(4, calls.Count);
        Assert.Null(calls.Find(unclassified.CallId)!.Classification);
        Assert.Equal(Classification.Silent, calls.Find(classified.CallId)!.Classification);
        Assert.Equal(Classification.Prank, calls.Find(toldBeforeItsRowWasWritten.CallId)!.Classification);
        Assert.Equal(onlyInState, calls.Find(onlyInState.CallId));
        Assert.Equal(2, calls.Screen(null, Now, new ScreeningOptions()).PrankCalls);
        Assert.Equal(3, calls.Classified().Count);
    }

    [Fact]
    public void A_new_call_keeps_its_received_time_to_the_microsecond_as_PostgreSQL_stores_it()
    {
        var at = new DateTimeOffset(2026, 11, 28, 19, 0, 0, TimeSpan.FromHours(7)).AddTicks(1_234_567);

        var call = RecentCalls.NewCall(Guid.NewGuid(), at);

        Assert.Equal(at.AddTicks(-7), call.ReceivedAt);
        Assert.Equal(TimeSpan.Zero, call.ReceivedAt.Offset);
        Assert.Null(call.Classification);
    }

    [Fact]
    public void Call_ids_order_as_their_text_does_as_PostgreSQL_orders_uuid()
    {
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var a = new Guid(RandomBytes(random));
            var b = new Guid(RandomBytes(random));
            Assert.Equal(Math.Sign(string.CompareOrdinal(a.ToString(), b.ToString())), Math.Sign(a.CompareTo(b)));
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}
