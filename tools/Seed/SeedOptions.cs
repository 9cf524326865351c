using System.Globalization;

namespace Bengkulu112.Seed;

/// <summary>`seed --year 2024 --calls 13746 --emergencies 106 [--seed N] [--csv FILE]`.</summary>
/// <param name="CsvFile">Write the import file there instead of importing it (for the bench and for a look).</param>
public sealed record SeedOptions(int Year, int Calls, int Emergencies, int Seed = 112, string? CsvFile = null)
{
    public const string Usage = "usage: seed --year YYYY --calls N --emergencies N [--seed N] [--csv FILE]";

    public static SeedOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        string? csv = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--csv")
            {
                if (i + 1 >= args.Length || args[i + 1].Length == 0)
                {
                    error = "--csv needs a file name";
                    return null;
                }
                csv = args[++i];
                continue;
            }
            if (name is not ("--year" or "--calls" or "--emergencies" or "--seed"))
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
            values.GetValueOrDefault("--emergencies", 106), values.GetValueOrDefault("--seed", 112), csv);
        error = options.Validate();
        return error is null ? options : null;
    }

    public string? Validate() =>
        Year is < 2000 or > 2100 ? "--year must be from 2000 to 2100"
        : Calls is < 1 or > 1_000_000 ? "--calls must be from 1 to 1000000"
        : Emergencies < 0 || Emergencies > Calls ? "--emergencies must be from 0 to --calls"
        : null;
}
