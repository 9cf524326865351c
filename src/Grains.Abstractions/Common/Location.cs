namespace Bengkulu112.Common;

/// <summary>Where something happened: address text, optional kelurahan/kecamatan, optional WGS84 coordinates.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.Location")]
public sealed record Location(
    [property: Id(0)] string? Address,
    [property: Id(1)] string? Kelurahan,
    [property: Id(2)] string? Kecamatan,
    [property: Id(3)] double? Lat,
    [property: Id(4)] double? Lon);
