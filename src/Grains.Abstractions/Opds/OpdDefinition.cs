namespace Bengkulu112.Opds;

/// <summary>What an admin sets for an OPD (agency): everything but its code and its live counters.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.OpdDefinition")]
public sealed record OpdDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string> Categories,
    [property: Id(2)] string? BackupOpd,
    [property: Id(3)] bool Active);
