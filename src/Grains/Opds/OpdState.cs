namespace Bengkulu112.Opds;

/// <summary>What an OPD grain persists.</summary>
[GenerateSerializer, Alias("Bengkulu112.OpdState")]
public sealed class OpdState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public List<string> Categories { get; set; } = [];
    [Id(2)] public string? BackupOpd { get; set; }
    [Id(3)] public bool Active { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(6)] public string UpdatedBy { get; set; } = "";

    // Ids 7 and 8 held the open-ticket list, which is no longer stored (OpdGrain reads it from the tickets table):
    // stored rows that still carry it are read without it.
}
