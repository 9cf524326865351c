using Bengkulu112.Tickets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Silo.Hosting;

/// <summary>
/// A ticket change is committed first and pushed to the OPD streams after; a silo that dies in between leaves the
/// push undone. This sweep finds such tickets (published_version behind version) and has their grains push again.
/// Every silo sweeps; a repeated push is harmless (OPD grains ignore versions they have seen).
/// </summary>
public sealed partial class TicketOutboxSweep(TicketStore store, IGrainFactory grains, IOptions<TicketOptions> options,
    ILogger<TicketOutboxSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.OutboxSweepInterval;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var id in await store.UnpublishedAsync(limit: 200))
                    await grains.GetGrain<ITicketGrain>(id).Republish();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, e, interval);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket outbox sweep failed; next try in {Interval}")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, TimeSpan interval);
}
