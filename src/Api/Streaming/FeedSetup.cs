using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Queries;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Api.Streaming;

public static class FeedSetup
{
    /// <summary>Alerts and the live feeds: their queries, timing options and the node's ticket doorbell.</summary>
    public static IServiceCollection AddBengkulu112Feeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>()
            .Bind(configuration.GetSection(FeedOptions.Section))
            .Validate(o => o.IsValid(),
                "Feeds: intervals must be positive, BatchSize from 1 to 1000, MemoryEvents at least BatchSize, the feed limits at least 1.")
            .ValidateOnStart();
        services.AddSingleton<AlertQueries>();
        services.AddSingleton<TicketEventQueries>();
        services.AddSingleton<TicketFeedDoorbell>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketFeedDoorbell>());
        // One reader per table and node; every open feed reads its live tail from these.
        services.AddSingleton(sp =>
        {
            var events = sp.GetRequiredService<TicketEventQueries>();
            var options = sp.GetRequiredService<IOptions<FeedOptions>>().Value;
            return new FeedHub<TicketChangedEvent>("ticket_events", events.AfterForHubAsync, events.LatestIdAsync,
                sp.GetRequiredService<TicketFeedDoorbell>().Bell, options.PollInterval, options.MemoryEvents,
                options.BatchSize, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FeedHub<TicketChangedEvent>>>());
        });
        services.AddSingleton(sp =>
        {
            var alerts = sp.GetRequiredService<AlertQueries>();
            var options = sp.GetRequiredService<IOptions<FeedOptions>>().Value;
            return new FeedHub<AlertResponse>("alerts",
                async (after, limit, ct) => [.. (await alerts.AfterAsync(after, limit, ct)).Select(a => new HubEvent<AlertResponse>(a.Id, a.Data, []))],
                alerts.LatestIdAsync, push: null, options.AlertPollInterval, options.MemoryEvents, options.BatchSize,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FeedHub<AlertResponse>>>());
        });
        services.AddHostedService(sp => sp.GetRequiredService<FeedHub<TicketChangedEvent>>());
        services.AddHostedService(sp => sp.GetRequiredService<FeedHub<AlertResponse>>());
        services.AddSingleton<TicketChangeFeed>();
        services.AddSingleton<AlertFeed>();
        services.AddSingleton<FeedLimiter>();
        return services;
    }
}
