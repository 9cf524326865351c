using Bengkulu112.Domain;

namespace Bengkulu112.Opds;

/// <summary>The OPD directory of Kota Bengkulu as SPEC.md lists it, seeded when absent.</summary>
public static class DefaultOpds
{
    public static readonly IReadOnlyDictionary<string, OpdDefinition> All = new Dictionary<string, OpdDefinition>
    {
        ["damkar"] = new("Dinas Pemadam Kebakaran dan Penyelamatan",
            [Categories.Fire, Categories.Animal, Categories.WaspNest, Categories.Disaster], null, true),
        ["bpbd"] = new("Badan Penanggulangan Bencana Daerah",
            [Categories.FallenTree, Categories.Disaster], null, true),
        ["dinkes"] = new("Dinas Kesehatan",
            [Categories.Ambulance, Categories.Fire, Categories.Accident, Categories.Disaster], null, true),
        ["dishub"] = new("Dinas Perhubungan", [Categories.Traffic], null, true),
        ["pupr"] = new("Dinas Pekerjaan Umum dan Penataan Ruang", [Categories.PublicWorks], null, true),
        ["dlh"] = new("Dinas Lingkungan Hidup", [Categories.FallenTree], null, true),
        ["satpolpp"] = new("Satuan Polisi Pamong Praja", [Categories.PublicOrder], null, true),
        ["polresta"] = new("Kepolisian Resor Kota",
            [Categories.Accident, Categories.Traffic, Categories.PublicOrder], null, true),
        ["pmi"] = new("Palang Merah Indonesia", [Categories.Blood], null, true),
    };
}
