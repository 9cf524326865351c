using System.Collections.Concurrent;
using System.Globalization;

namespace Bengkulu112.Bench;

/// <summary>Request latencies per command name; percentiles by nearest rank.</summary>
public sealed class Latencies
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _samples = new(StringComparer.Ordinal);

    public void Add(string name, TimeSpan elapsed) =>
        _samples.GetOrAdd(name, _ => []).Add(elapsed.TotalMilliseconds);

    public void Clear() => _samples.Clear();

    /// <summary>Prints `NAME_count`, `NAME_p50_ms`, `NAME_p99_ms` lines, in <paramref name="order"/>.</summary>
    public void Print(IEnumerable<string> order)
    {
        foreach (var name in order)
        {
            if (!_samples.TryGetValue(name, out var bag) || bag.IsEmpty)
                continue;
            var sorted = bag.Order().ToArray();
            Output.Line($"{name}_count", sorted.Length);
            Output.Line($"{name}_p50_ms", Percentile(sorted, 0.50));
            Output.Line($"{name}_p99_ms", Percentile(sorted, 0.99));
        }
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public static class Output
{
    public static void Line(string key, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value:0.###}"));

    public static void Line(string key, string value) => Console.WriteLine($"{key}={value}");
}
