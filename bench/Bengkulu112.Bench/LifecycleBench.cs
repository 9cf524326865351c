using System.Diagnostics;

namespace Bengkulu112.Bench;

/// <summary>
/// Full lifecycles for a fixed time: record a call, classify it as an emergency (opens a ticket), escalate, acknowledge,
/// on-scene, resolve, close. Answers lifecycles per second and p50/p99 per command.
/// </summary>
public static class LifecycleBench
{
    private static readonly string[] Commands = ["record", "classify", "escalate", "acknowledge", "on_scene", "resolve", "close"];
    private static readonly string[] Categories = ["fire", "animal", "fallen_tree", "accident", "ambulance", "disaster"];

    public static async Task<int> RunAsync(ApiClient api, BenchOptions options)
    {
        // Warm-up: the first requests pay for JIT and grain type activation, not for the steady state.
        await Workers.RunAsync(2, async w => { await OneAsync(api, w); return false; });
        api.Latencies.Clear();

        var completed = 0;
        var started = Stopwatch.GetTimestamp();
        var failures = await Workers.RunAsync(options.Workers, async w =>
        {
            if (Stopwatch.GetElapsedTime(started) >= options.Duration)
                return false;
            await OneAsync(api, w);
            Interlocked.Increment(ref completed);
            return true;
        });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Output.Line("lifecycles", completed);
        Output.Line("lifecycles_per_s", completed / seconds);
        Output.Line("failures", failures);
        api.Latencies.Print(Commands);
        return 0;
    }

    private static int _sequence;

    private static async Task OneAsync(ApiClient api, int worker)
    {
        var n = Interlocked.Increment(ref _sequence);
        var call = await api.PostAsync("record", "/api/v1/calls", Bodies.Call(n + 50_000_000L));
        var callId = (string)call["id"]!;
        var classified = await api.PostAsync("classify", $"/api/v1/calls/{callId}/classify",
            Bodies.Emergency(Categories[n % Categories.Length], n));
        var ticket = $"/api/v1/tickets/{(string)classified["ticket_id"]!}";
        await api.PostAsync("escalate", $"{ticket}/escalate", Bodies.Empty);
        await api.PostAsync("acknowledge", $"{ticket}/acknowledge", Bodies.Empty);
        await api.PostAsync("on_scene", $"{ticket}/on-scene", Bodies.Empty);
        await api.PostAsync("resolve", $"{ticket}/resolve", Bodies.Note("handled (benchmark)"));
        await api.PostAsync("close", $"{ticket}/close", Bodies.Empty);
    }
}
