using System.Globalization;

namespace Bengkulu112.Seed;

/// <summary>`seed --year 2024 --calls 13746 --emergencies 106 [--workers 8] [--seed N] [--step-delay-ms 1500]`.</summary>
public sealed record SeedOptions(int Year, int Calls, int Emergencies, int Workers = 8, int Seed = 112, int StepDelayMs = 1500)
{
    public const string Usage =
        "usage: seed --year YYYY --calls N --emergencies N [--workers N] [--seed N] [--step-delay-ms N]";

    /// <summary>Call takers the calls are spread over (each its own token subject, so each its own rate limit).</summary>
    public const int CallTakers = 12;

    public static SeedOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is not ("--year" or "--calls" or "--emergencies" or "--workers" or "--seed" or "--step-delay-ms"))
            {
                error = $"unknown option '{name}'";
                return null;
            }
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                error = $"{name} needs a whole number";
                return null;
            }
            values[name] = value;
            i++;
        }
        var options = new SeedOptions(
            values.GetValueOrDefault("--year", 2024), values.GetValueOrDefault("--calls", 13_746),
            values.GetValueOrDefault("--emergencies", 106), values.GetValueOrDefault("--workers", 8),
            values.GetValueOrDefault("--seed", 112), values.GetValueOrDefault("--step-delay-ms", 1500));
        error = options.Validate();
        return error is null ? options : null;
    }

    public string? Validate() =>
        Year is < 2000 or > 2100 ? "--year must be from 2000 to 2100"
        : Calls is < 1 or > 1_000_000 ? "--calls must be from 1 to 1000000"
        : Emergencies < 0 || Emergencies > Calls ? "--emergencies must be from 0 to --calls"
        : Workers is < 1 or > 64 ? "--workers must be from 1 to 64"
        : StepDelayMs is < 0 or > 60_000 ? "--step-delay-ms must be from 0 to 60000"
        : null;
}
