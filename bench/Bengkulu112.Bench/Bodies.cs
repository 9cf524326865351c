namespace Bengkulu112.Bench;

/// <summary>Request bodies of the benchmark workloads (shapes of API.md).</summary>
public static class Bodies
{
    /// <summary>A caller number of Bengkulu's mobile range; <paramref name="n"/> spreads calls over many callers.</summary>
    public static object Call(long n) => new
    {
        caller_number = $"0812{n % 100_000_000:00000000}",
        channel = "voice",
        notes = "benchmark call",
    };

    public static object Ticket(string category, int n) => new
    {
        category,
        description = $"benchmark ticket {n}",
        location = new { address = $"Jl. Benchmark No. {n}", kecamatan = "Ratu Agung" },
    };

    public static object Emergency(string category, int n) => new { classification = "emergency", ticket = Ticket(category, n) };

    public static readonly object Empty = new { };

    public static object Note(string text) => new { note = text };
}
