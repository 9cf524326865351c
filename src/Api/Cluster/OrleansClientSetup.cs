using Bengkulu112.ServiceDefaults;
using Bengkulu112.ServiceDefaults.ClusterTls;
using Bengkulu112.Tickets;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;

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
        var tls = ClusterTlsSetup.Settings(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.UseBengkulu112Tls(tls);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = settings.GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = settings.ResponseTimeout);
            // Silos send Npgsql's exceptions back as they are (a grain that could not read its state): read them as such.
            client.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(PostgresFailures.ExceptionNamespace));
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            client.AddMemoryStreams(TicketStreams.Provider);
            client.AddActivityPropagation();
            // Serves the silos' dashboard data to admins (`/dashboard`); the silos collect it. Logs name callers: no trace.
            if (settings.Dashboard)
                client.AddDashboard(o => o.HideTrace = true);
            client.Services.AddSingleton<IClientConnectionRetryFilter, GatewayRetryFilter>();
        });
        return builder;
    }
}
