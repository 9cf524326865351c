using Bengkulu112.Opds;

namespace Bengkulu112.Silo.Startup;

/// <summary>At silo start, creates the default OPD directory where an OPD is absent; leaves admin changes alone.</summary>
public sealed class SeedDefaultOpds(IGrainFactory grains) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        foreach (var (code, definition) in DefaultOpds.All)
            await StartupRetry.Pipeline.ExecuteAsync(
                async _ => await grains.GetGrain<IOpdGrain>(code).SeedIfAbsent(definition), cancellationToken);
    }
}
