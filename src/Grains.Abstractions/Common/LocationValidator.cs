namespace Bengkulu112.Common;

public static class LocationValidator
{
    public const int MaxAddressLength = 300;
    public const int MaxAreaLength = 100;

    /// <summary>Checks lengths and coordinates; <paramref name="requireAddress"/> for tickets, which must say where to go.</summary>
    public static void Validate(Location? location, string field, FieldErrors errors, bool requireAddress)
    {
        if (location is null)
        {
            if (requireAddress)
                errors.Add(field, "is required");
            return;
        }
        if (requireAddress && string.IsNullOrWhiteSpace(location.Address))
            errors.Add($"{field}.address", "is required");
        Text(location.Address, $"{field}.address", MaxAddressLength, errors);
        Text(location.Kelurahan, $"{field}.kelurahan", MaxAreaLength, errors);
        Text(location.Kecamatan, $"{field}.kecamatan", MaxAreaLength, errors);
        if (location.Lat is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90))
            errors.Add($"{field}.lat", "must be between -90 and 90");
        if (location.Lon is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180))
            errors.Add($"{field}.lon", "must be between -180 and 180");
        if (location.Lat.HasValue != location.Lon.HasValue)
            errors.Add(location.Lat.HasValue ? $"{field}.lon" : $"{field}.lat", "lat and lon go together");
    }

    private static void Text(string? value, string field, int max, FieldErrors errors)
    {
        if (value is not null && value.Length > max)
            errors.Add(field, $"must be at most {max} characters");
    }

    /// <summary>Trims text fields and turns blank ones into null.</summary>
    public static Location? Normalize(Location? location) => location is null
        ? null
        : location with
        {
            Address = Clean(location.Address),
            Kelurahan = Clean(location.Kelurahan),
            Kecamatan = Clean(location.Kecamatan),
        };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
