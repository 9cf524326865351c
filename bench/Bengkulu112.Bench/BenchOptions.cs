namespace Bengkulu112.Bench;

/// <summary>Command line of the driver: a command, then `--name value` pairs.</summary>
public sealed record BenchOptions(
    string Command,
    Uri Url,
    string Token,
    int Workers,
    TimeSpan Duration,
    int Count,
    TimeSpan Spread,
    string Category,
    string? IdsFile)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
            values[args[i].TrimStart('-')] = args[i + 1];
        string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        return new BenchOptions(
            args.FirstOrDefault() ?? "",
            new Uri(Get("url", "http://127.0.0.1:5112")),
            Get("token", Environment.GetEnvironmentVariable("B112_BENCH_TOKEN") ?? ""),
            int.Parse(Get("workers", "16")),
            TimeSpan.FromSeconds(double.Parse(Get("duration", "30"))),
            int.Parse(Get("count", "1000")),
            TimeSpan.FromSeconds(double.Parse(Get("spread", "60"))),
            Get("category", "wasp_nest"),
            values.GetValueOrDefault("ids-file"));
    }

    public static int Usage()
    {
        Console.Error.WriteLine("""
            usage: Bengkulu112.Bench lifecycle --url URL --workers W --duration S
                   Bengkulu112.Bench deadlines --url URL --workers W --count N --spread S --category C [--ids-file F]
                   Bengkulu112.Bench activate  --url URL --workers W --ids-file F
                   Bengkulu112.Bench feeds     --url URL --count N --duration S
            The supervisor token comes from --token or B112_BENCH_TOKEN.
            """);
        return 2;
    }
}
