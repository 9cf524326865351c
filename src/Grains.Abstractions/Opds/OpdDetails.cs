namespace Bengkulu112.Opds;

/// <summary>An OPD as the directory shows it.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.OpdDetails")]
public sealed record OpdDetails(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Categories,
    [property: Id(3)] string? BackupOpd,
    [property: Id(4)] int OpenTickets,
    [property: Id(5)] bool Active,
    [property: Id(6)] DateTimeOffset UpdatedAt);
