using Bengkulu112.Api.Queries;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Api.Streaming;

public static class FeedSetup
{
    /// <summary>The live feeds: their timing options, the ticket feed and the node's ticket doorbell.</summary>
    public static IServiceCollection AddBengkulu112Feeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>()
            .Bind(configuration.GetSection(FeedOptions.Section))
            .Validate(o => o.IsValid(),
                "Feeds: intervals must be positive, BatchSize from 1 to 1000, MemoryEvents at least BatchSize, the feed limits at least 1.")
            .ValidateOnStart();
        services.AddSingleton<TicketFeedDoorbell>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketFeedDoorbell>());
        // One reader of ticket_events per node; every open ticket feed reads its live tail from it (alerts: AlertSetup).
        services.AddSingleton(sp =>
        {
            var events = sp.GetRequiredService<TicketEventQueries>();
            var options = sp.GetRequiredService<IOptions<FeedOptions>>().Value;
            return new FeedHub<TicketChangedEvent>("ticket_events", events.AfterForHubAsync, events.LatestIdAsync,
                sp.GetRequiredService<TicketFeedDoorbell>().Bell, options.PollInterval, options.MemoryEvents,
                options.BatchSize, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FeedHub<TicketChangedEvent>>>());
        });
        services.AddHostedService(sp => sp.GetRequiredService<FeedHub<TicketChangedEvent>>());
        services.AddSingleton<TicketChangeFeed>();
        services.AddSingleton<FeedLimiter>();
        return services;
    }
}
