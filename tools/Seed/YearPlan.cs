namespace Bengkulu112.Seed;

/// <summary>One call of the plan: who called when, and what the call taker will find it is.</summary>
public sealed record PlannedCall(
    int Index,
    string CallerNumber,
    DateTimeOffset ReceivedAt,
    string Channel,
    string Classification,
    PlannedEmergency? Emergency);

/// <summary>
/// The ticket an emergency call opens, how far its follow-up went and when each step came (seconds after the call;
/// null for a step not reached): escalated, acknowledged, on scene, resolved, closed, cancelled.
/// </summary>
public sealed record PlannedEmergency(string Category, string Description, string Address, string Kecamatan, string Outcome,
    IReadOnlyList<int?> StepSeconds);

/// <summary>
/// A year of calls as the Bengkulu 112 center saw 2024 (SPEC.md §1), made from a seed so a re-run plans the same calls:
/// exactly the asked numbers of calls and emergencies, the rest mostly pranks; received times spread over every day of
/// the year in WIB (UTC+7) with the evening peak of a city line; a few numbers making many of the prank calls.
/// </summary>
public static class YearPlan
{
    /// <summary>WIB, the report time zone of Kota Bengkulu (no daylight saving).</summary>
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    /// <summary>Shares of the calls that are not emergencies (prank majority, as the center reports).</summary>
    public static readonly IReadOnlyList<(string Code, double Weight)> OtherClassifications =
    [
        ("prank", 0.62), ("silent", 0.13), ("abandoned", 0.10), ("wrong_number", 0.08), ("non_emergency", 0.07),
    ];

    /// <summary>Most frequent real reports: fires and snakes, then the rest.</summary>
    public static readonly IReadOnlyList<(string Code, double Weight)> CategoryWeights =
    [
        ("fire", 30), ("animal", 25), ("fallen_tree", 9), ("accident", 9), ("wasp_nest", 7), ("ambulance", 6),
        ("public_order", 4), ("traffic", 3), ("disaster", 3), ("blood", 2), ("public_works", 2),
    ];

    /// <summary>Relative call volume per hour of the day (WIB): quiet before dawn, busiest in the evening.</summary>
    private static readonly double[] HourWeights =
    [
        2.0, 1.4, 1.0, 0.8, 0.8, 1.2, 2.0, 3.0, 3.6, 3.8, 4.0, 4.2, 4.4, 4.2, 4.2, 4.6, 5.2, 6.2, 7.4, 8.4, 8.6, 7.6, 5.4, 3.4,
    ];

    /// <summary>How far follow-up goes: cancelled before escalation, left escalated, acknowledged, on scene, resolved, closed.</summary>
    private static readonly IReadOnlyList<(string Outcome, double Weight)> Outcomes =
    [
        ("cancelled", 4), ("escalated", 3), ("acknowledged", 4), ("on_scene", 5), ("resolved", 9), ("closed", 75),
    ];

    /// <summary>Share of prank calls made by the few repeat pranksters, and how many of them there are.</summary>
    private const double RepeatPrankShare = 0.35;
    private const int RepeatPranksters = 20;

    private static readonly string[] Prefixes = ["0812", "0813", "0821", "0822", "0852", "0853", "0857", "0877", "0896"];

    private static readonly (string Street, string Kecamatan)[] Places =
    [
        ("Jl. Suprapto", "Teluk Segara"), ("Jl. S. Parman", "Ratu Samban"), ("Jl. Jend. Sudirman", "Teluk Segara"),
        ("Jl. Salak Raya", "Gading Cempaka"), ("Jl. Kapuas Raya", "Singaran Pati"), ("Jl. Danau Dendam Tak Sudah", "Singaran Pati"),
        ("Jl. Hibrida Raya", "Gading Cempaka"), ("Jl. Pariwisata", "Ratu Agung"), ("Jl. WR Supratman", "Muara Bangka Hulu"),
        ("Jl. Pangeran Natadirja", "Ratu Agung"), ("Jl. Bali", "Teluk Segara"), ("Jl. Raya Padang Harapan", "Gading Cempaka"),
        ("Jl. Pembangunan", "Ratu Samban"), ("Jl. Kinibalu", "Selebar"), ("Jl. Bumi Ayu Raya", "Selebar"),
        ("Jl. Pulau Baai", "Kampung Melayu"), ("Jl. Jenggalu", "Sungai Serut"), ("Jl. Kampung Bahari", "Sungai Serut"),
    ];

    private static readonly Dictionary<string, string[]> Descriptions = new()
    {
        ["fire"] = ["Rumah terbakar", "Kebakaran gudang", "Kebakaran lahan kosong", "Warung terbakar", "Kabel listrik terbakar"],
        ["animal"] = ["Ular kobra masuk rumah", "Ular piton di kandang ayam", "Biawak masuk dapur", "Ular di kamar mandi"],
        ["fallen_tree"] = ["Pohon tumbang menutup jalan", "Pohon tumbang menimpa rumah"],
        ["accident"] = ["Kecelakaan motor", "Tabrakan mobil dan motor", "Pejalan kaki tertabrak"],
        ["wasp_nest"] = ["Sarang tawon di plafon rumah", "Sarang tawon dekat sekolah"],
        ["ambulance"] = ["Warga pingsan, butuh ambulans", "Ibu hamil perlu ke rumah sakit"],
        ["public_order"] = ["Keributan antarwarga", "Balap liar malam hari"],
        ["traffic"] = ["Lampu lalu lintas mati", "Kemacetan parah di simpang"],
        ["disaster"] = ["Banjir setinggi lutut", "Tanah longsor di tebing"],
        ["blood"] = ["Pasien butuh darah segera"],
        ["public_works"] = ["Gorong-gorong ambrol", "Jalan berlubang besar"],
    };

    public static IReadOnlyList<PlannedCall> Make(SeedOptions options)
    {
        var random = new Random(unchecked(options.Seed * 10_007 + options.Year));
        var classifications = Classifications(options.Calls, options.Emergencies, random);
        var pranksters = Enumerable.Range(0, RepeatPranksters).Select(_ => Number(random)).ToArray();
        var prankWeights = Enumerable.Range(0, RepeatPranksters).Select(k => 1.0 / (k + 1)).ToArray();
        var start = new DateTimeOffset(options.Year, 1, 1, 0, 0, 0, Wib);
        var days = DateTime.IsLeapYear(options.Year) ? 366 : 365;

        var calls = new List<PlannedCall>(options.Calls);
        for (var i = 0; i < options.Calls; i++)
        {
            var classification = classifications[i];
            var number = classification == "prank" && random.NextDouble() < RepeatPrankShare
                ? pranksters[Pick(prankWeights, random)]
                : Number(random);
            var received = start.AddDays(random.Next(days)).AddHours(Pick(HourWeights, random))
                .AddSeconds(random.Next(3600));
            var channel = random.NextDouble() switch { < 0.90 => "voice", < 0.95 => "sms", _ => "app" };
            calls.Add(new PlannedCall(i, number, received, channel, classification,
                classification == "emergency" ? Emergency(random) : null));
        }
        return calls;
    }

    private static PlannedEmergency Emergency(Random random)
    {
        var category = CategoryWeights[Pick(CategoryWeights.Select(c => c.Weight).ToArray(), random)].Code;
        var texts = Descriptions[category];
        var (street, kecamatan) = Places[random.Next(Places.Length)];
        var outcome = Outcomes[Pick(Outcomes.Select(o => o.Weight).ToArray(), random)].Outcome;
        return new PlannedEmergency(category, texts[random.Next(texts.Length)], $"{street} No. {random.Next(1, 200)}",
            kecamatan, outcome, Steps(outcome, random));
    }

    /// <summary>
    /// When each step came, in seconds after the call: escalation within a few minutes (most within one), then the OPD's
    /// answer, arrival, resolution and closing, each skewed short with a long tail, so deadlines are met often and missed
    /// now and then, the more so for the tight P1 ones (a real year).
    /// </summary>
    private static int?[] Steps(string outcome, Random random)
    {
        var steps = new int?[6];
        if (outcome == "cancelled")
        {
            steps[5] = random.Next(120, 900);
            return steps;
        }
        var reached = Array.IndexOf(FollowUp, outcome);
        var at = Skewed(random, 15, 240, 2);                        // escalated
        steps[0] = at;
        (int Min, int Max, double Skew)[] gaps = [(15, 400, 3), (240, 1800, 2), (1200, 16_000, 3), (600, 3600, 1)];
        for (var k = 1; k <= reached; k++)
        {
            at += Skewed(random, gaps[k - 1].Min, gaps[k - 1].Max, gaps[k - 1].Skew);
            steps[k] = at;
        }
        return steps;
    }

    /// <summary>From <paramref name="min"/> to <paramref name="max"/> seconds, most near the minimum (the higher the skew).</summary>
    private static int Skewed(Random random, int min, int max, double skew) =>
        min + (int)((max - min) * Math.Pow(random.NextDouble(), skew));

    /// <summary>The outcomes after escalation, in the order a ticket reaches them.</summary>
    private static readonly string[] FollowUp = ["escalated", "acknowledged", "on_scene", "resolved", "closed"];

    /// <summary>Exactly <paramref name="emergencies"/> emergencies; the others split by weight (largest remainder), shuffled.</summary>
    private static string[] Classifications(int calls, int emergencies, Random random)
    {
        var rest = calls - emergencies;
        var exact = OtherClassifications.Select(c => c.Weight * rest).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var k in Enumerable.Range(0, exact.Length).OrderByDescending(k => exact[k] - counts[k]).Take(rest - counts.Sum()))
            counts[k]++;
        var list = Enumerable.Repeat("emergency", emergencies)
            .Concat(OtherClassifications.SelectMany((c, k) => Enumerable.Repeat(c.Code, counts[k])))
            .ToArray();
        random.Shuffle(list);
        return list;
    }

    private static string Number(Random random) =>
        Prefixes[random.Next(Prefixes.Length)] + random.Next(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int Pick(IReadOnlyList<double> weights, Random random)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var k = 0; k < weights.Count; k++)
        {
            x -= weights[k];
            if (x < 0)
                return k;
        }
        return weights.Count - 1;
    }
}
