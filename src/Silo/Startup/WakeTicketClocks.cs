using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging;

namespace Bengkulu112.Silo.Startup;

/// <summary>
/// At silo start, activates every ticket with a pending deadline so its clock is armed: a deadline that passed while the
/// whole cluster was down acts as soon as it is back, not only at the reminder's next tick.
/// </summary>
public sealed partial class WakeTicketClocks(TicketStore store, IGrainFactory grains, ILogger<WakeTicketClocks> logger)
    : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        try
        {
            var ids = await store.WithPendingDeadlinesAsync();
            await Task.WhenAll(ids.Select(id => grains.GetGrain<ITicketGrain>(id).Wake()));
        }
        catch (Exception e)
        {
            // Not fatal: each ticket's durable reminder still wakes it within the backstop period.
            LogWakeFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking tickets with pending deadlines failed; their reminders will")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}
