namespace Bengkulu112.Routing;

/// <summary>Stores the default rule of each category that has none yet; leaves admin changes alone.</summary>
public static class SeedDefaultRouting
{
    public static Task RunAsync(IGrainFactory grains) =>
        grains.GetGrain<IRoutingGrain>(IRoutingGrain.Key).SeedIfAbsent();
}
