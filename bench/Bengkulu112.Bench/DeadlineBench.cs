using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bengkulu112.Bench;

/// <summary>
/// Opens and escalates <see cref="BenchOptions.Count"/> tickets of one category, paced evenly over
/// <see cref="BenchOptions.Spread"/>, so their acknowledge deadlines (escalation + the category's deadline) are spread
/// over that time. Nobody acknowledges them: every one must raise exactly one `sla.breached` alert.
/// </summary>
public static class DeadlineBench
{
    public static async Task<int> RunAsync(ApiClient api, BenchOptions options)
    {
        var ids = new ConcurrentQueue<string>();
        var next = -1;
        var interval = options.Spread / Math.Max(1, options.Count);
        var started = Stopwatch.GetTimestamp();
        var failures = await Workers.RunAsync(options.Workers, async _ =>
        {
            var n = Interlocked.Increment(ref next);
            if (n >= options.Count)
                return false;
            var wait = interval * n - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            var ticket = await api.PostAsync("open", "/api/v1/tickets", Bodies.Ticket(options.Category, n));
            var id = (string)ticket["id"]!;
            await api.PostAsync("escalate", $"/api/v1/tickets/{id}/escalate", Bodies.Empty);
            ids.Enqueue(id);
            if (ids.Count % 1000 == 0)
                Console.Error.WriteLine($"bench: {ids.Count} tickets escalated");
            return true;
        });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (options.IdsFile is { } file)
            await File.WriteAllLinesAsync(file, ids);
        Output.Line("escalated", ids.Count);
        Output.Line("failures", failures);
        Output.Line("spread_s", seconds);
        Output.Line("escalated_per_s", ids.Count / seconds);
        api.Latencies.Print(["open", "escalate"]);
        return 0;
    }
}
