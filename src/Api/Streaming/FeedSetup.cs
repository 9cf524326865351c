using Bengkulu112.Api.Queries;

namespace Bengkulu112.Api.Streaming;

public static class FeedSetup
{
    /// <summary>Alerts and the live feeds: their queries, timing options and the node's ticket doorbell.</summary>
    public static IServiceCollection AddBengkulu112Feeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedOptions>()
            .Bind(configuration.GetSection(FeedOptions.Section))
            .Validate(o => o.IsValid(), "Feeds: intervals must be positive and BatchSize from 1 to 1000.")
            .ValidateOnStart();
        services.AddSingleton<AlertQueries>();
        services.AddSingleton<TicketEventQueries>();
        services.AddSingleton<TicketFeedDoorbell>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketFeedDoorbell>());
        return services;
    }
}
