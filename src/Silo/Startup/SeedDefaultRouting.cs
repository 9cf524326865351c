using Bengkulu112.Routing;

namespace Bengkulu112.Silo.Startup;

/// <summary>At silo start, stores the default rule of each category that has none yet; leaves admin changes alone.</summary>
public sealed class SeedDefaultRouting(IGrainFactory grains) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken) =>
        StartupRetry.Pipeline.ExecuteAsync(
            async _ => await grains.GetGrain<IRoutingGrain>(IRoutingGrain.Key).SeedIfAbsent(), cancellationToken).AsTask();
}
