using Bengkulu112.Tickets;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Bengkulu112.Api.Cluster;

public static class OrleansClientSetup
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>
    /// The API is an Orleans client: it finds the silos' gateways in the PostgreSQL membership table, so any number
    /// of API nodes and silos can run as separate processes against the same database.
    /// </summary>
    public static WebApplicationBuilder AddBengkulu112ClusterClient(this WebApplicationBuilder builder, string connectionString)
    {
        var settings = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        builder.Services.AddSingleton(settings);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            client.AddMemoryStreams(TicketStreams.Provider);
            client.AddActivityPropagation();
            // Serves the silos' dashboard data to admins (`/dashboard`); the silos collect it. Logs name callers: no trace.
            client.AddDashboard(o => o.HideTrace = true);
            client.Services.AddSingleton<IClientConnectionRetryFilter, GatewayRetryFilter>();
            client.AddMemoryStreams(TicketStreams.Provider);
        });
        return builder;
    }
}
