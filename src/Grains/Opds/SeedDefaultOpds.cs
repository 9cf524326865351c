namespace Bengkulu112.Opds;

/// <summary>Creates the default OPD directory where an OPD is absent; leaves admin changes alone.</summary>
public static class SeedDefaultOpds
{
    public static async Task<int> RunAsync(IGrainFactory grains)
    {
        var created = 0;
        foreach (var (code, definition) in DefaultOpds.All)
        {
            if (await grains.GetGrain<IOpdGrain>(code).SeedIfAbsent(definition))
                created++;
        }
        return created;
    }
}
