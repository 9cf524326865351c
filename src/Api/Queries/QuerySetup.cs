namespace Bengkulu112.Api.Queries;

/// <summary>The API's read side: the queries the endpoints list and report from, registered together.</summary>
public static class QuerySetup
{
    public static IServiceCollection AddBengkulu112Queries(this IServiceCollection services)
    {
        services.AddSingleton<TicketQueries>();
        services.AddSingleton<TicketEventQueries>();
        services.AddSingleton<WebhookQueries>();
        services.AddSingleton<ImportQueries>();
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<ReportSeriesQueries>();
        return services;
    }
}
