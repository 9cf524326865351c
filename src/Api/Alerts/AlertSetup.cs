using Bengkulu112.Alerts;
using Bengkulu112.Api.Streaming;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Api.Alerts;

public static class AlertSetup
{
    /// <summary>Alerts on this node: reading and acknowledging them, and the node's one reader of the `alert.raised` feed.</summary>
    public static IServiceCollection AddBengkulu112Alerts(this IServiceCollection services)
    {
        services.AddSingleton<AlertQueries>();
        services.AddSingleton<AlertAcknowledgements>();
        services.AddSingleton(sp =>
        {
            var alerts = sp.GetRequiredService<AlertQueries>();
            var options = sp.GetRequiredService<IOptions<FeedOptions>>().Value;
            return new FeedHub<AlertResponse>("alerts",
                async (after, limit, ct) => [.. (await alerts.AfterAsync(after, limit, ct)).Select(a => new HubEvent<AlertResponse>(a.Id, a.Data, []))],
                alerts.LatestIdAsync, push: null, options.AlertPollInterval, options.MemoryEvents, options.BatchSize,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FeedHub<AlertResponse>>>());
        });
        services.AddHostedService(sp => sp.GetRequiredService<FeedHub<AlertResponse>>());
        services.AddSingleton<AlertFeed>();
        return services;
    }
}
