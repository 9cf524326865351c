namespace Bengkulu112.Domain;

/// <summary>The report categories of the 112 center (SPEC.md §2), with labels in Bahasa Indonesia and English.</summary>
public static class Categories
{
    public const string Fire = "fire";
    public const string Animal = "animal";
    public const string FallenTree = "fallen_tree";
    public const string Accident = "accident";
    public const string WaspNest = "wasp_nest";
    public const string Traffic = "traffic";
    public const string Ambulance = "ambulance";
    public const string PublicWorks = "public_works";
    public const string PublicOrder = "public_order";
    public const string Disaster = "disaster";
    public const string Blood = "blood";
    public const string Other = "other";

    public static readonly IReadOnlyList<CategoryLabel> All =
    [
        new(Fire, "Kebakaran", "Fire"),
        new(Animal, "Hewan buas dan berbisa", "Wild or venomous animal"),
        new(FallenTree, "Pohon tumbang", "Fallen tree"),
        new(Accident, "Kecelakaan", "Accident"),
        new(WaspNest, "Evakuasi sarang tawon", "Wasp-nest evacuation"),
        new(Traffic, "Gangguan lalu lintas", "Traffic disruption"),
        new(Ambulance, "Layanan ambulans", "Ambulance"),
        new(PublicWorks, "Gangguan pekerjaan umum", "Public-works disruption"),
        new(PublicOrder, "Gangguan ketertiban", "Public-order disturbance"),
        new(Disaster, "Bencana alam", "Natural disaster"),
        new(Blood, "Kebutuhan darah", "Urgent blood need"),
        new(Other, "Lainnya", "Other"),
    ];

    private static readonly HashSet<string> Codes = All.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);
}

public sealed record CategoryLabel(string Code, string LabelId, string LabelEn);
